package dev.smsauth.mfa;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue rule 6: what the ID token says about the factors (amr, acr, auth_time as in CONTRACT.md),
 * step-up with {@code acr_values}, {@code prompt=login}, and single sign-on across applications.
 */
@AuthServerTest
class MfaTokensAndSessionsTests extends MfaTestBase {

	static final String ACR_MFA = "urn:smsauth:acr:mfa";

	@Test
	void whenSmsStepDoneThenIdTokenHasAmrAcrAndAuthTimeOfTheSmsFactor() throws Exception {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		clock.advance(Duration.ofSeconds(90)); // the code is typed a while after the password
		Instant smsTime = clock.instant();

		TestBrowser.Page toApp = visitor.next(visitor.verify(code));
		JsonNode idToken = visitor.idToken(toApp, app.secret());

		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
		assertThat(idToken.get("acr").asString()).isEqualTo(ACR_MFA).contains("mfa");
		assertThat(acrValuesSupported()).contains(ACR_MFA);
		assertThat(idToken.get("auth_time").asLong()).isBetween(smsTime.getEpochSecond() - 1, smsTime.getEpochSecond() + 1);
	}

	@Test
	void whenPasswordOnlyThenAmrPwdAndPasswordLevelAcr() throws Exception {
		Person person = person();
		App app = app(false);
		Visitor visitor = visitor(app);
		long before = Instant.now().getEpochSecond();
		visitor.authorize();
		TestBrowser.Page toApp = visitor.next(visitor.signIn(person.username(), person.password()));
		assertThat(toApp.location()).startsWith(REDIRECT + "?code=");

		JsonNode idToken = visitor.idToken(toApp, app.secret());

		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\"]");
		List<String> levels = acrValuesSupported();
		assertThat(levels).contains(idToken.get("acr").asString());
		assertThat(idToken.get("acr").asString()).doesNotContain("mfa");
		assertThat(idToken.get("auth_time").asLong()).isBetween(before - 1, Instant.now().getEpochSecond() + 1);
	}

	@Test
	void whenAcrValuesAskForMfaOnAppWithSmsOffThenSmsStepAndMfaAcr() {
		Person person = person();
		App app = app(false);
		Visitor visitor = visitor(app);

		TestBrowser.Page start = visitor.authorize(Map.of("acr_values", ACR_MFA));
		assertThat(start.isSignInPage()).isTrue();
		TestBrowser.Page toSms = visitor.signIn(person.username(), person.password());
		assertThat(toSms.location()).matches(smsStep());
		visitor.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();

		TestBrowser.Page toApp = passSms(visitor, person.phone());
		assertThat(toApp.location()).startsWith(REDIRECT + "?code=");
		JsonNode idToken = visitor.idToken(toApp, app.secret());
		assertThat(idToken.get("acr").asString()).isEqualTo(ACR_MFA);
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
	}

	@Test
	void whenPromptLoginThenPasswordAndSmsCodeAskedAgain() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		TestBrowser.Page first = passSms(visitor, person.phone());
		long firstAuthTime = visitor.idToken(first, app.secret()).get("auth_time").asLong();
		clock.advance(Duration.ofSeconds(61));
		int issued = codesIssued(app);

		List<String> path = new ArrayList<>();
		TestBrowser.Page hop = visitor.authorize(Map.of("prompt", "login"));
		while (hop.isRedirect() && hop.location().startsWith(base + "/oauth2/authorize")) {
			path.add(hop.location());
			hop = visitor.get(hop.location());
		}
		assertThat(hop.isSignInPage()).as("after %s", path).isTrue();
		assertThat(codesIssued(app)).isEqualTo(issued);

		TestBrowser.Page afterPassword = visitor.signIn(person.username(), person.password());
		assertThat(afterPassword.status()).isEqualTo(303);
		assertThat(afterPassword.location()).matches(smsStep());
		assertThat(codesIssued(app)).isEqualTo(issued);

		TestBrowser.Page second = passSms(visitor, person.phone());
		assertThat(second.location()).startsWith(REDIRECT + "?code=");
		JsonNode idToken = visitor.idToken(second, app.secret());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
		assertThat(idToken.get("auth_time").asLong()).isGreaterThan(firstAuthTime);
	}

	@Test
	void whenSmsSignInToOneAppThenAnotherSmsAppGetsCodeWithNoPage() {
		Person person = person();
		App shop = app(true);
		App wiki = app(true);
		Visitor atShop = atSmsStep(shop, person);
		assertThat(passSms(atShop, person.phone()).location()).startsWith(REDIRECT + "?code=");

		Visitor atWiki = atShop.to(wiki.clientId(), REDIRECT);
		TestBrowser.Page toWiki = atWiki.authorize();

		assertThat(toWiki.status()).isEqualTo(302);
		assertThat(toWiki.location()).startsWith(REDIRECT + "?code=");
		JsonNode idToken = atWiki.idToken(toWiki, wiki.secret());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
		assertThat(idToken.get("aud").toString()).contains(wiki.clientId());
		assertThat(outboxSize(person.phone())).isEqualTo(1);
	}

	@Test
	void whenPasswordOnlySignInThenSmsAppAsksOnlyForTheSmsCode() {
		Person person = person();
		App blog = app(false);
		App shop = app(true);
		Visitor atBlog = visitor(blog);
		atBlog.authorize();
		TestBrowser.Page toBlog = atBlog.next(atBlog.signIn(person.username(), person.password()));
		assertThat(toBlog.location()).startsWith(REDIRECT + "?code=");

		Visitor atShop = atBlog.to(shop.clientId(), REDIRECT);
		TestBrowser.Page toShop = atShop.authorize();

		assertThat(toShop.status()).isEqualTo(302);
		assertThat(toShop.location()).matches(smsStep());
		assertThat(codesIssued(shop)).isZero();
		TestBrowser.Page done = passSms(atShop, person.phone());
		assertThat(done.location()).startsWith(REDIRECT + "?code=");
		assertThat(atShop.hops()).noneMatch(p -> p.isSignInPage() || p.isRedirect() && p.location().startsWith(base + "/login"));
		JsonNode idToken = atShop.idToken(done, shop.secret());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
	}

	private List<String> acrValuesSupported() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration")).build(),
					HttpResponse.BodyHandlers.ofString());
		JsonNode discovery = JsonMapper.builder().build().readTree(response.body());
		List<String> values = new ArrayList<>();
		discovery.get("acr_values_supported").forEach(v -> values.add(v.asString()));
		return values;
	}

}
