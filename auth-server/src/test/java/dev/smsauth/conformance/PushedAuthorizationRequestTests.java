package dev.smsauth.conformance;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.Api;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.Pkce;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushed authorization requests (RFC 9126): the endpoint is on and advertised, a request pushed
 * there is then used by its {@code request_uri} with every rule of a direct one (the SMS step for
 * {@code acr_values}), and an application registered with {@code requirePushedAuthorizationRequests}
 * gets no direct request through. Discovery lists only the client authentication methods an
 * application can be registered with.
 */
@AuthServerTest
class PushedAuthorizationRequestTests extends MfaTestBase {

	private final HttpClient http = HttpClient.newHttpClient();

	private final Pkce pkce = Pkce.create();

	private HttpResponse<String> push(App app, Map<String, String> extra) throws Exception {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("response_type", "code");
		form.put("client_id", app.clientId());
		form.put("redirect_uri", REDIRECT);
		form.put("scope", "openid profile");
		form.put("state", "pushed-state");
		form.put("nonce", "pushed-nonce");
		form.put("code_challenge", pkce.challenge());
		form.put("code_challenge_method", "S256");
		form.putAll(extra);
		return http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/par"))
			.header("Authorization", ManagementClient.basic(app.clientId(), app.secret()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.entrySet()
				.stream()
				.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String requestUri(App app, Map<String, String> extra) throws Exception {
		HttpResponse<String> pushed = push(app, extra);
		assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
		return Api.JSON.readTree(pushed.body()).get("request_uri").asString();
	}

	private static String byReference(App app, String requestUri) {
		return "/oauth2/authorize?client_id=" + app.clientId() + "&request_uri="
				+ URLEncoder.encode(requestUri, StandardCharsets.UTF_8);
	}

	private JsonNode idToken(App app, TestBrowser.Page redirect) throws Exception {
		String code = SignInFlow.codeIn(redirect);
		assertThat(code).as("code in %s", redirect.location()).isNotNull();
		assertThat(SignInFlow.param(redirect, "state")).isEqualTo("pushed-state");
		HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
			.header("Authorization", ManagementClient.basic(app.clientId(), app.secret()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code + "&redirect_uri="
					+ REDIRECT + "&code_verifier=" + pkce.verifier()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		return SignInFlow.claims(Api.JSON.readTree(tokens.body()).get("id_token").asString());
	}

	@Test
	void whenDiscoveryIsFetchedThenTheParEndpointIsAdvertisedAndOnlyRegistrableAuthenticationMethods() throws Exception {
		for (String document : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
			HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + document)).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode metadata = Api.JSON.readTree(answer.body());

			assertThat(metadata.get("pushed_authorization_request_endpoint").asString()).as(document)
				.isEqualTo(base + "/oauth2/par");
			assertThat(Api.strings(metadata.get("token_endpoint_auth_methods_supported"))).as(document)
				.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
		}
	}

	@Test
	void whenARequestIsPushedThenItsRequestUriSignsInAndIssuesACode() throws Exception {
		App app = app(false);
		Person person = person();
		TestBrowser browser = new TestBrowser(base);

		TestBrowser.Page start = browser.get(byReference(app, requestUri(app, Map.of())));
		assertThat(start.isSignInPage()).isTrue();
		TestBrowser.Page signedIn = new SignInFlow(browser, app.clientId(), REDIRECT).signIn(person.username(),
				person.password());
		TestBrowser.Page toApp = browser.next(signedIn);

		assertThat(idToken(app, toApp).get("sub").asString()).isEqualTo(person.id());
	}

	@Test
	void whenThePushedRequestAsksForTheMfaLevelThenTheSmsStepComesFirst() throws Exception {
		App app = app(false);
		Person person = person();
		TestBrowser browser = new TestBrowser(base);
		browser.get(byReference(app, requestUri(app, Map.of("acr_values", Factors.ACR_MFA))));
		TestBrowser.Page signedIn = new SignInFlow(browser, app.clientId(), REDIRECT).signIn(person.username(),
				person.password());

		// A pushed request's parameters are not in the saved address, so the password resumes it in
		// place: its answer is the endpoint's own, the SMS step.
		assertThat(signedIn.status()).isEqualTo(303);
		assertThat(signedIn.location()).matches(smsStep());
		assertThat(codesIssued(app)).isZero();
		TestBrowser.Page toApp = passSms(new Visitor(browser, app.clientId(), REDIRECT), person.phone());
		assertThat(idToken(app, toApp).get("acr").asString()).isEqualTo(Factors.ACR_MFA);
	}

	@Test
	void whenTheApplicationRequiresParThenADirectRequestGetsAnErrorPageAndAPushedOneWorks() throws Exception {
		JsonNode created = admin.createApplication("{\"name\":\"PAR " + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"redirectUris\":[\"" + REDIRECT + "\"],\"scopes\":[\"openid\",\"profile\"],"
				+ "\"requirePushedAuthorizationRequests\":true}");
		App app = new App(created.get("clientId").asString(), created.get("clientSecret").asString());
		assertThat(created.get("requirePushedAuthorizationRequests").asBoolean()).isTrue();

		TestBrowser.Page direct = new SignInFlow(new TestBrowser(base), app.clientId(), REDIRECT).authorize("openid profile", Map.of());
		TestBrowser.Page pushed = new TestBrowser(base).get(byReference(app, requestUri(app, Map.of())));

		assertThat(direct.status()).isEqualTo(400);
		assertThat(direct.header("Location")).isNull();
		assertThat(pushed.isSignInPage()).isTrue();

		ManagementClient.Response off = admin.call("PATCH", "/api/v1/applications/" + app.clientId(),
				"{\"requirePushedAuthorizationRequests\":false}");
		assertThat(off.json().get("requirePushedAuthorizationRequests").asBoolean()).isFalse();
		assertThat(new SignInFlow(new TestBrowser(base), app.clientId(), REDIRECT).authorize("openid profile", Map.of())
			.isSignInPage()).isTrue();
		assertThat(admin.call("PATCH", "/api/v1/applications/" + app.clientId(),
				"{\"requirePushedAuthorizationRequests\":\"yes\"}").status()).isEqualTo(400);
	}

}
