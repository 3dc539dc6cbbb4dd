package dev.smsauth.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code phone_number_verified} (ID token, userinfo) and {@code phoneNumberVerified} (user API)
 * say whether the holder proved the number on the account with a code sent to it: not a number an
 * administrator typed in, yes after an SMS sign-in, an enrollment or a self-service change to it,
 * and not again once an administrator sets another one, even while a code to the old one is out.
 */
@AuthServerTest
class PhoneNumberVerifiedTests extends MfaTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void whenAnAdministratorCreatesTheUserThenTheNumberIsUnprovenUntilAnSmsSignInProvesIt() throws Exception {
		Person person = person();
		assertThat(apiVerified(person)).isFalse();
		App passwordOnly = app(false);
		assertThat(tokensAfterPassword(passwordOnly, person).claims().get("phone_number_verified").asBoolean())
			.isFalse();

		Tokens tokens = tokensAfterSms(app(true), person);

		assertThat(tokens.claims().get("phone_number").asString()).isEqualTo(person.phone());
		assertThat(tokens.claims().get("phone_number_verified").asBoolean()).isTrue();
		assertThat(userinfo(tokens.accessToken()).get("phone_number_verified").asBoolean()).isTrue();
		assertThat(apiVerified(person)).isTrue();
	}

	@Test
	void whenAnAdministratorSetsANewNumberThenUnprovenAgainUntilTheNextSmsSignIn() {
		Person person = person();
		tokensAfterSms(app(true), person);
		assertThat(apiVerified(person)).isTrue();
		String replacement = newPhone();

		JsonNode changed = admin.call("PATCH", "/api/v1/users/" + person.id(),
				"{\"phoneNumber\":\"" + replacement + "\"}").json();

		assertThat(changed.get("phoneNumberVerified").asBoolean()).isFalse();
		Person moved = new Person(person.id(), person.username(), replacement, person.password());
		JsonNode claims = tokensAfterPassword(app(false), moved).claims();
		assertThat(claims.get("phone_number").asString()).isEqualTo(replacement);
		assertThat(claims.get("phone_number_verified").asBoolean()).isFalse();
		// Another change that leaves the number alone keeps what is known about it.
		clock.advance(Duration.ofSeconds(61)); // the account's resend cooldown
		tokensAfterSms(app(true), moved);
		assertThat(admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"name\":\"Someone\"}")
			.json()
			.get("phoneNumberVerified")
			.asBoolean()).isTrue();
	}

	@Test
	void whenTheHolderEnrollsANumberAtSignInThenItIsProven() {
		Person person = personWithoutPhone();
		Visitor visitor = visitor(app(true));
		visitor.authorize();
		visitor.next(visitor.signIn(person.username(), person.password()));
		String number = newPhone();

		visitor.enroll(number);
		TestBrowser.Page verified = visitor.verify(admin.latestCode(number));

		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
		JsonNode user = admin.call("GET", "/api/v1/users/" + person.id(), null).json();
		assertThat(user.get("phoneNumber").asString()).isEqualTo(number);
		assertThat(user.get("phoneNumberVerified").asBoolean()).isTrue();
	}

	@Test
	void whenTheHolderChangesTheirOwnNumberThenTheNewOneIsProven() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		assertThat(passSms(visitor, person.phone()).location()).startsWith(REDIRECT + "?code=");
		clock.advance(Duration.ofSeconds(61));
		// Start from an unproven state, so only the change itself can make it true.
		jdbc.sql("UPDATE user_account SET phone_number_verified = FALSE WHERE id = :id").param("id", person.id()).update();
		String replacement = newPhone();

		TestBrowser.Page page = visitor.get("/account/phone");
		visitor.browser().submit(page, "/account/phone/send", Map.of("phoneNumber", replacement));
		TestBrowser.Page verified = visitor.browser()
			.submit(visitor.get("/account/phone"), "/account/phone/verify", Map.of("code", admin.latestCode(replacement)));

		assertThat(verified.location()).isEqualTo(base + "/account/phone");
		JsonNode user = admin.call("GET", "/api/v1/users/" + person.id(), null).json();
		assertThat(user.get("phoneNumber").asString()).isEqualTo(replacement);
		assertThat(user.get("phoneNumberVerified").asBoolean()).isTrue();
	}

	@Test
	void whenTheNumberIsReplacedBetweenSendAndVerifyThenTheNewNumberIsNotMarkedProven() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		String replacement = newPhone();
		// The administrator's change lands between send and verify. Written directly, so the session
		// survives it (the API would end it) and the verification itself is what is tested.
		jdbc.sql("UPDATE user_account SET phone_number = :phone, phone_number_verified = FALSE WHERE id = :id")
			.param("phone", replacement)
			.param("id", person.id())
			.update();

		visitor.verify(code);

		JsonNode user = admin.call("GET", "/api/v1/users/" + person.id(), null).json();
		assertThat(user.get("phoneNumber").asString()).isEqualTo(replacement);
		assertThat(user.get("phoneNumberVerified").asBoolean()).isFalse();
	}

	@Test
	void whenAnAdministratorReplacesTheNumberBetweenSendAndVerifyThenTheSignInEndsAndNothingIsProven() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		TestBrowser.Page open = visitor.smsPage();

		admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"phoneNumber\":\"" + newPhone() + "\"}");
		TestBrowser.Page verified = visitor.browser().submit(open, "/mfa/sms/verify", Map.of("code", code));

		// The change ended the session: the form's CSRF token went with it, nothing is verified.
		assertThat(verified.status()).isNotEqualTo(303);
		assertThat(apiVerified(person)).isFalse();
	}

	private boolean apiVerified(Person person) {
		JsonNode user = admin.call("GET", "/api/v1/users/" + person.id(), null).json();
		assertThat(user.has("phoneNumberVerified")).as("%s", user).isTrue();
		return user.get("phoneNumberVerified").asBoolean();
	}

	private Tokens tokensAfterSms(App app, Person person) {
		Visitor visitor = atSmsStep(app, person);
		return redeem(app, visitor, passSms(visitor, person.phone()));
	}

	private Tokens tokensAfterPassword(App app, Person person) {
		Visitor visitor = visitor(app);
		visitor.authorize();
		TestBrowser.Page toApp = visitor.next(visitor.signIn(person.username(), person.password()));
		return redeem(app, visitor, toApp);
	}

	private Tokens redeem(App app, Visitor visitor, TestBrowser.Page toApp) {
		JsonNode tokens = visitor.tokens(toApp, app.secret());
		return new Tokens(SignInFlow.claims(tokens.get("id_token").asString()), tokens.get("access_token").asString());
	}

	private JsonNode userinfo(String accessToken) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/userinfo"))
				.header("Authorization", "Bearer " + accessToken)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private record Tokens(JsonNode claims, String accessToken) {
	}

}
