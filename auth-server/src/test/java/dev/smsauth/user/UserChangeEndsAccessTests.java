package dev.smsauth.user;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: an administrator's change of a user counts for what was already issued. Disabling,
 * deleting, a password reset, a new phone number and removing {@code admin} end the user's
 * sessions and grants at once: the session gets no code at the authorization endpoint (sign-in
 * page instead), the refresh token gets {@code invalid_grant}, the access token is refused at
 * userinfo. A session or grant that escaped the revocation (simulated by changing the row behind
 * the service's back) is still refused for a disabled or deleted account.
 */
@AuthServerTest
class UserChangeEndsAccessTests extends MfaTestBase {

	private static final String SCOPES = "openid profile phone offline_access";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	enum Change {

		DISABLE, DELETE, PASSWORD_RESET, PHONE_CHANGE, DEMOTION

	}

	@ParameterizedTest
	@EnumSource(Change.class)
	void whenAnAdministratorChangesTheUserThenTheirSessionAndGrantsEndAtOnce(Change change) throws Exception {
		SignedIn user = signedIn(change == Change.DEMOTION);
		assertThat(user.flow().authorize(SCOPES, Map.of()).location()).as("session works before the change")
			.startsWith(REDIRECT + "?code=");
		// Spring Session indexes the session by the principal name, which is the account id.
		assertThat(rows("SPRING_SESSION", "PRINCIPAL_NAME", user.person().id())).isPositive();
		assertThat(rows("oauth2_authorization", "principal_name", user.person().id())).isPositive();

		ManagementClient.Response answer = switch (change) {
			case DISABLE -> patch(user, "{\"enabled\":false}");
			case DELETE -> admin.call("DELETE", "/api/v1/users/" + user.person().id(), null);
			case PASSWORD_RESET -> patch(user, "{\"password\":\"a-brand-new-password\"}");
			case PHONE_CHANGE -> patch(user, "{\"phoneNumber\":\"" + newPhone() + "\"}");
			case DEMOTION -> patch(user, "{\"admin\":false}");
		};
		assertThat(answer.status()).as("%s", answer).isIn(200, 204);

		assertAccessEnded(user);
		assertThat(rows("SPRING_SESSION", "PRINCIPAL_NAME", user.person().id())).isZero();
		assertThat(rows("oauth2_authorization", "principal_name", user.person().id())).isZero();
	}

	@Test
	void whenOnlyTheNameOrEmailChangesThenSessionAndGrantsStay() throws Exception {
		SignedIn user = signedIn(false);

		assertThat(patch(user, "{\"name\":\"Renamed Person\",\"email\":\"renamed-" + user.person().username()
				+ "@example.com\"}").status()).isEqualTo(200);

		assertThat(user.flow().authorize(SCOPES, Map.of()).location()).startsWith(REDIRECT + "?code=");
		assertThat(userinfo(user.accessToken()).statusCode()).isEqualTo(200);
		assertThat(refresh(user).get("_status").asInt()).isEqualTo(200);
	}

	@Test
	void whenTheAccountIsDisabledBehindTheServicesBackThenTheSurvivingSessionAndGrantAreRefusedAnyway()
			throws Exception {
		SignedIn user = signedIn(false);

		// Not through UserService: nothing ended the session or removed the grant.
		jdbc.sql("UPDATE user_account SET enabled = FALSE WHERE id = :id").param("id", user.person().id()).update();

		assertAccessEnded(user);
	}

	@Test
	void whenTheAccountIsDeletedBehindTheServicesBackThenTheSurvivingSessionAndGrantAreRefusedAnyway()
			throws Exception {
		SignedIn user = signedIn(false);

		jdbc.sql("DELETE FROM user_account WHERE id = :id").param("id", user.person().id()).update();

		assertAccessEnded(user);
	}

	@Test
	void whenTheAccountIsDisabledBehindTheServicesBackThenPromptNoneAnswersLoginRequired() {
		SignedIn user = signedIn(false);
		jdbc.sql("UPDATE user_account SET enabled = FALSE WHERE id = :id").param("id", user.person().id()).update();

		TestBrowser.Page answer = user.flow().authorize(SCOPES, Map.of("prompt", "none"));

		assertThat(answer.location()).startsWith(REDIRECT + "?");
		assertThat(SignInFlow.param(answer, "error")).isEqualTo("login_required");
		assertThat(SignInFlow.codeIn(answer)).isNull();
	}

	private void assertAccessEnded(SignedIn user) throws Exception {
		TestBrowser.Page authorize = user.flow().authorize(SCOPES, Map.of());
		assertThat(authorize.isSignInPage()).as("the sign-in page, not a code: %s", authorize.location()).isTrue();
		JsonNode refreshed = refresh(user);
		assertThat(refreshed.get("_status").asInt()).as("%s", refreshed).isEqualTo(400);
		assertThat(refreshed.get("error").asString()).isEqualTo("invalid_grant");
		assertThat(userinfo(user.accessToken()).statusCode()).isEqualTo(401);
	}

	/** Signed in with password and SMS to an application with refresh tokens, code redeemed. */
	private SignedIn signedIn(boolean administrator) {
		JsonNode app = admin.createApplication("{\"name\":\"App " + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"redirectUris\":[\"" + REDIRECT + "\"],"
				+ "\"scopes\":[\"openid\",\"profile\",\"phone\",\"offline_access\"],\"mfa\":{\"sms\":true}}");
		Person person = administrator ? administrator() : person();
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), REDIRECT);
		assertThat(flow.authorize(SCOPES, Map.of()).isSignInPage()).isTrue();
		TestBrowser.Page afterPassword = flow.signIn(person.username(), person.password());
		assertThat(afterPassword.location()).matches(smsStep());
		flow.sendCode();
		TestBrowser.Page verified = flow.verify(admin.latestCode(person.phone()));
		TestBrowser.Page toApp = browser.next(verified);
		JsonNode tokens = flow.exchange(SignInFlow.codeIn(toApp), app.get("clientSecret").asString());
		assertThat(tokens.get("_status").asInt()).as("%s", tokens).isEqualTo(200);
		assertThat(tokens.has("refresh_token")).isTrue();
		return new SignedIn(flow, person, app.get("clientId").asString(), app.get("clientSecret").asString(),
				tokens.get("access_token").asString(), tokens.get("refresh_token").asString());
	}

	private Person administrator() {
		String username = "a-" + UUID.randomUUID().toString().substring(0, 12);
		String phone = newPhone();
		ManagementClient.Response created = admin.call("POST", "/api/v1/users", "{\"username\":\"" + username
				+ "\",\"password\":\"" + PASSWORD + "\",\"phoneNumber\":\"" + phone + "\",\"admin\":true}");
		assertThat(created.status()).isEqualTo(201);
		return new Person(created.json().get("id").asString(), username, phone, PASSWORD);
	}

	private ManagementClient.Response patch(SignedIn user, String json) {
		return admin.call("PATCH", "/api/v1/users/" + user.person().id(), json);
	}

	private int rows(String table, String column, String value) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = :value")
			.param("value", value)
			.query(Integer.class)
			.single();
	}

	private JsonNode refresh(SignedIn user) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
				.header("Authorization", ManagementClient.basic(user.clientId(), user.secret()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
						+ URLEncoder.encode(user.refreshToken(), StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode json = JSON.readTree(response.body());
		((tools.jackson.databind.node.ObjectNode) json).put("_status", response.statusCode());
		return json;
	}

	private HttpResponse<String> userinfo(String accessToken) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/userinfo"))
				.header("Authorization", "Bearer " + accessToken)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private record SignedIn(SignInFlow flow, Person person, String clientId, String secret, String accessToken,
			String refreshToken) {
	}

}
