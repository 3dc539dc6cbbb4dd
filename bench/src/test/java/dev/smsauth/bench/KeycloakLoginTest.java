package dev.smsauth.bench;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keycloak's login page, as Keycloak 26.7.3 served it to bench/keycloak.sh (realm bench, client bench-web). */
class KeycloakLoginTest {

	@Test
	void findsTheLoginFormsActionWithItsEntitiesDecoded() throws Exception {
		String html;
		try (var in = getClass().getResourceAsStream("/keycloak-26.7.3-login.html")) {
			html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}

		String action = KeycloakLogin.loginFormAction(html);

		assertTrue(action.startsWith("http://127.0.0.1:47773/realms/bench/login-actions/authenticate?session_code="), action);
		assertTrue(action.contains("&execution=") && action.contains("&client_id=bench-web&tab_id="), action);
		assertFalse(action.contains("&amp;"), action);
		assertEquals("bench-web", CodeExchange.queryParam(action, "client_id"));
	}

	@Test
	void takesTheActionOfKcFormLoginNotOfAnotherFormOnThePage() {
		String html = "<form id=\"kc-select-language\" action=\"/lang\"></form>"
				+ "<form class=\"x\" action=\"http://kc/auth?a=1&amp;b=2\" id=\"kc-form-login\" method=\"post\">";

		assertEquals("http://kc/auth?a=1&b=2", KeycloakLogin.loginFormAction(html));
	}

	@Test
	void aPageWithoutTheLoginFormIsAnError() {
		// e.g. "Update your account" when the user still has a required action
		assertThrows(BenchException.class, () -> KeycloakLogin.loginFormAction("<form id=\"kc-update-profile-form\" action=\"/x\">"));
	}

	@Test
	void decodesNamedAndNumericEntities() {
		assertEquals("a&b\"c'd<e>f/g'", KeycloakLogin.unescape("a&amp;b&quot;c&#39;d&lt;e&gt;f&#x2F;g&#39;"));
	}

}
