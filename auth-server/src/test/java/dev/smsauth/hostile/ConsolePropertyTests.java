package dev.smsauth.hostile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.smsauth.support.Api;
import dev.smsauth.support.ManagementClient;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input on the admin console, through one administrator's browser (password and SMS
 * step passed once): the application and user forms, the user search, the audit filters and the
 * ids in URLs never give a 5xx or a stack trace; text stored through the management API is
 * shown escaped on every console page that renders it (stored XSS).
 */
class ConsolePropertyTests {

	static Http admin;

	static String userId;

	static String clientId;

	@BeforeContainer
	static void signInAdministrator() {
		admin = HostileServer.administrator();
		ManagementClient api = HostileServer.management();
		userId = api.createUser("console-target-" + System.nanoTime(), null, "target-password-1").get("id").asString();
		clientId = api.createApplication("{\"name\":\"Console target\",\"redirectUris\":[\"https://t.example.com/cb\"]}")
			.get("clientId")
			.asString();
	}

	@Property(tries = 50)
	void whenAnyApplicationFormIsPostedThenNever5xx(@ForAll("applicationForms") List<Map.Entry<String, String>> fields,
			@ForAll boolean settingsOfExisting) {
		String action = settingsOfExisting ? "/console/applications/" + clientId + "/settings" : "/console/applications";
		String csrf = admin.csrf(settingsOfExisting ? "/console/applications/" + clientId + "?tab=settings"
				: "/console/applications/new");
		Http.Reply reply = admin.postForm(action, Http.pairs(fields) + "&_csrf=" + Http.enc(csrf));
		Statistics.collect(reply.status(), settingsOfExisting ? "settings" : "create");
		Hostile.assertSafe(reply, fields);
		assertThat(reply.status()).as("%s", reply).isIn(200, 303, 400, 413);
	}

	@Property(tries = 50)
	void whenAnyUserFormIsPostedThenNever5xx(@ForAll("userForms") List<Map.Entry<String, String>> fields,
			@ForAll boolean editExisting) {
		String action = editExisting ? "/console/users/" + userId : "/console/users";
		String csrf = admin.csrf(editExisting ? "/console/users/" + userId : "/console/users/new");
		Http.Reply reply = admin.postForm(action, Http.pairs(fields) + "&_csrf=" + Http.enc(csrf));
		Statistics.collect(reply.status(), editExisting ? "edit" : "create");
		Hostile.assertSafe(reply, fields);
		assertThat(reply.status()).as("%s", reply).isIn(303, 400, 413);
		if (reply.status() == 303) {
			Hostile.assertSafe(admin.get(reply.header("Location")), fields);
		}
	}

	@Property(tries = 50)
	void whenAnySearchOrFilterIsTypedThenTheListRendersSafely(@ForAll("searches") String path) {
		Http.Reply reply = admin.get(path);
		Statistics.collect(reply.status(), path.substring(0, path.indexOf('?')));
		Hostile.assertSafe(reply, path);
		assertThat(reply.status()).as("%s", reply).isIn(200, 400);
	}

	@Property(tries = 40)
	void whenAnyIdOrTabIsInTheUrlThenNotFoundOrThePageNever5xx(@ForAll("ids") String id, @ForAll("anyValue") String tab,
			@ForAll("idPaths") String template) {
		Http.Reply reply = admin.get(template.replace("{id}", Http.enc(id).replace("+", "%20")) + "?tab=" + Http.enc(tab));
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, id + " / " + tab);
		assertThat(reply.status()).as("%s", reply).isLessThan(500);
	}

	/**
	 * Markup stored through the API in an application name or a user's display name is escaped
	 * wherever the console shows it: the raw tag is absent, its escaped form present.
	 */
	@Property(tries = 15)
	void whenStoredTextHoldsMarkupThenTheConsoleShowsItEscaped(@ForAll("markup") String markup) {
		Api api = Api.management(HostileServer.base());
		String tag = "t" + System.nanoTime();
		Api.Answer app = api.post("/api/v1/applications", "{\"name\":" + Api.quote(tag + markup)
				+ ",\"redirectUris\":[\"https://x.example.com/cb\"]}");
		assertThat(app.status()).as("%s", app).isEqualTo(201);
		Api.Answer user = api.post("/api/v1/users", "{\"username\":\"" + tag + "\",\"password\":\"long-enough-1\",\"name\":"
				+ Api.quote(tag + markup) + "}");
		assertThat(user.status()).as("%s", user).isEqualTo(201);
		String appId = app.json().get("clientId").asString();
		String id = user.json().get("id").asString();
		for (String page : List.of("/console/applications?page=0", "/console/applications/" + appId,
				"/console/applications/" + appId + "?tab=settings", "/console/applications/" + appId + "/delete",
				"/console/users?q=" + tag, "/console/users/" + id, "/console/audit?userId=" + id)) {
			Http.Reply reply = admin.get(page);
			Hostile.assertSafe(reply, markup);
			assertThat(reply.status()).as(page).isEqualTo(200);
			assertThat(reply.body()).as(page).doesNotContain(markup);
		}
		String escaped = markup.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
		assertThat(admin.get("/console/users?q=" + tag).body()).contains(tag + escaped.replace("\"", "&quot;"));
		assertThat(admin.get("/console/applications/" + appId + "/delete").body()).contains("&lt;");
	}

	@Provide
	Arbitrary<String> markup() {
		return Combinators.combine(Arbitraries.of("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
				"\"><script>alert(1)</script>", "</textarea><script>alert(1)</script>", "<svg onload=alert(1)>"),
				Arbitraries.strings().alpha().ofMaxLength(8))
			.as((payload, suffix) -> payload + suffix);
	}

	@Provide
	Arbitrary<String> anyValue() {
		return Hostile.anyValue().filter(v -> v.length() < 2000);
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> applicationForms() {
		Map<String, String> valid = new LinkedHashMap<>();
		valid.put("name", "Hostile app");
		valid.put("redirectUris", "https://h.example.com/cb");
		valid.put("postLogoutRedirectUris", "https://h.example.com/");
		valid.put("scopes", "openid profile");
		valid.put("grantTypes", "authorization_code");
		valid.put("type", "confidential");
		valid.put("consentRequired", "true");
		valid.put("smsMfa", "true");
		Map<String, Arbitrary<String>> nearMisses = Map.of("redirectUris",
				Arbitraries.of("https://h.example.com/cb\r\nhttps://evil.example.com/cb", "javascript:alert(1)",
						"https://h.example.com/cb#x", "http://evil.example.com/cb", "https://h.example.com/" + "a".repeat(2000)),
				"grantTypes", Arbitraries.of("implicit", "password", "client_credentials", "refresh_token"), "type",
				Arbitraries.of("public", "PUBLIC", ""), "consentRequired", Arbitraries.of("on", "yes", "2", ""), "scopes",
				Arbitraries.of("openid management", "a".repeat(200), "openid\u0000"));
		return Hostile.spoiled(valid, nearMisses);
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> userForms() {
		Map<String, String> valid = new LinkedHashMap<>();
		valid.put("username", "hostile-user");
		valid.put("phoneNumber", "");
		valid.put("email", "h@example.com");
		valid.put("name", "Hostile");
		valid.put("password", "long-enough-1");
		valid.put("admin", "false");
		Map<String, Arbitrary<String>> nearMisses = Map.of("phoneNumber", Arbitraries.of(Hostile.PHONES), "admin",
				Arbitraries.of("true", "on", "1", "TRUE", ""), "email",
				Arbitraries.of("a@b", "@example.com", "a@example.com\r\nBcc: x@example.com", "a@" + "b".repeat(300) + ".com"));
		return Hostile.spoiled(valid, nearMisses);
	}

	@Provide
	Arbitrary<String> searches() {
		Arbitrary<String> users = Combinators.combine(anyValue(), anyValue())
			.as((q, page) -> "/console/users?q=" + Http.enc(q) + "&page=" + Http.enc(page));
		Arbitrary<String> apps = anyValue().map(page -> "/console/applications?page=" + Http.enc(page));
		Arbitrary<String> audit = Combinators.combine(anyValue(), Arbitraries.of("userId", "clientId", "event", "from", "to", "page"))
			.as((value, name) -> "/console/audit?" + name + "=" + Http.enc(value));
		return Arbitraries.oneOf(users, apps, audit);
	}

	@Provide
	Arbitrary<String> ids() {
		return Arbitraries.oneOf(anyValue().filter(id -> !id.isEmpty()), Arbitraries.of(userId, clientId));
	}

	@Provide
	Arbitrary<String> idPaths() {
		return Arbitraries.of("/console/users/{id}", "/console/users/{id}/delete", "/console/users/{id}/remove-phone",
				"/console/applications/{id}", "/console/applications/{id}/delete", "/console/applications/{id}/rotate-secret");
	}

}
