package dev.smsauth.login;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.Pkce;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser that is not signed in gets the sign-in page as the authorization endpoint's own answer
 * (config.ProtocolEntryPoints forwards to it), not a redirect to {@code /login}: one request less in
 * every sign-in. What must hold for that page: its own form signs in and resumes the request, the
 * request's query can not put notices on it (the page reads {@code ?error}, {@code ?logout} and
 * {@code ?reauth}; at the endpoint every parameter but the protocol's is hidden,
 * {@code KnownAuthorizationParametersFilter}), and a POST never reaches the password form through it.
 */
@AuthServerTest
class SignInPageAtTheAuthorizationEndpointTests extends MfaTestBase {

	@Test
	void whenNotSignedInThenTheAnswerIsTheSignInPageAndItsOwnFormSignsInAndResumesTheRequest() {
		Person person = person();
		App app = app(false);
		Visitor visitor = visitor(app);

		TestBrowser.Page page = visitor.authorize(Map.of("login_hint", person.username()));

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.isSignInPage()).isTrue();
		assertThat(page.header("Cache-Control")).contains("no-store");
		assertThat(page.body()).contains("value=\"" + person.username() + "\"");
		// The form's CSRF token was saved with the session this same answer created.
		TestBrowser.Page password = visitor.browser().submit(page, "/login",
				Map.of("username", person.username(), "password", person.password()));
		assertThat(password.status()).isEqualTo(303);
		assertThat(password.location()).startsWith(REDIRECT + "?code=");
		TestBrowser.Page code = password;
		assertThat(visitor.idToken(code, app.secret()).get("sub").asString()).isEqualTo(person.id());
	}

	@Test
	void whenTheAuthorizationRequestCarriesTheNoticesParametersThenThePageShowsNone() {
		Visitor visitor = visitor(app(false));

		TestBrowser.Page page = visitor.authorize(Map.of("error", "throttled", "logout", "", "reauth", ""));

		assertThat(page.isSignInPage()).isTrue();
		assertThat(page.alerts()).isEmpty();
		// The server's own redirects to the page still show theirs.
		assertThat(visitor.get("/login?error").alerts()).contains("not right");
		assertThat(visitor.get("/login?error=throttled").alerts()).contains("Too many");
		assertThat(visitor.get("/login?logout").alerts()).contains("signed out");
		assertThat(visitor.get("/login?reauth").alerts()).contains("sign in again");
	}

	@Test
	void whenAWrongPasswordThenTheErrorPageAndTheRightOneStillResumesTheRequest() {
		Person person = person();
		App app = app(false);
		Visitor visitor = visitor(app);
		TestBrowser.Page page = visitor.authorize();

		TestBrowser.Page wrong = visitor.browser().submit(page, "/login",
				Map.of("username", person.username(), "password", "not-" + person.password()));
		assertThat(wrong.location()).isEqualTo(base + "/login?error");
		TestBrowser.Page again = visitor.browser().follow(wrong);
		assertThat(again.alerts()).contains("not right");
		TestBrowser.Page right = visitor.browser().submit(again, "/login",
				Map.of("username", person.username(), "password", person.password()));

		assertThat(right.location()).startsWith(REDIRECT + "?code=");
		assertThat(SignInFlow.codeIn(right)).isNotNull();
	}

	/**
	 * A cross-site form that POSTs an authorization request with someone's identifier and password
	 * (login CSRF: the victim signed in as the attacker) must not reach the password form. With a
	 * {@code response_type} the POST is turned into a GET of the known parameters only; without one it
	 * is a consent without its state, refused. Either way nobody is signed in. (Were a POST ever to
	 * reach the entry point, it is redirected, not forwarded: {@code config.ProtocolEntryPointsTests}.)
	 */
	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void whenAnAuthorizationRequestIsPostedWithCredentialsThenNobodyIsSignedIn(boolean withResponseType) {
		Person attacker = person();
		App app = app(false);
		TestBrowser victim = new TestBrowser(base);
		Map<String, String> form = new LinkedHashMap<>();
		if (withResponseType) {
			form.put("response_type", "code");
		}
		form.put("client_id", app.clientId());
		form.put("redirect_uri", REDIRECT);
		form.put("scope", "openid");
		form.put("state", "s");
		form.put("code_challenge", Pkce.create().challenge());
		form.put("code_challenge_method", "S256");
		form.put("username", attacker.username());
		form.put("password", attacker.password());

		TestBrowser.Page answer = victim.post("/oauth2/authorize", form);

		if (withResponseType) {
			assertThat(answer.status()).isEqualTo(303);
			assertThat(answer.location()).startsWith(base + "/oauth2/authorize?").doesNotContain(attacker.password());
			assertThat(victim.get(answer.location()).isSignInPage()).isTrue();
		}
		else {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.body()).doesNotContain("name=\"password\"");
		}
		TestBrowser.Page next = new Visitor(victim, app.clientId(), REDIRECT).authorize();
		assertThat(next.isSignInPage()).as("still not signed in: %s", next.location()).isTrue();
	}

}
