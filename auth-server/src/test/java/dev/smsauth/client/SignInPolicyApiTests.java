package dev.smsauth.client;

import java.util.List;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.smsauth.support.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code mfa} object of the management API as ../shared/CONTRACT.md "Sign-in policy" spells it:
 * every member answered, the older {@code {"sms": ...}} still accepted and answered, a PATCH
 * changes only the members it names, and a wrong value is a 400 naming {@code mfa.<member>}.
 */
@AuthServerTest
class SignInPolicyApiTests {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = Api.management("http://localhost:" + port);
	}

	static String app(String mfa) {
		return "{\"name\":" + quote("Policy app") + ",\"redirectUris\":[\"https://app.example.com/cb\"]"
				+ (mfa == null ? "" : ",\"mfa\":" + mfa) + "}";
	}

	JsonNode create(String mfa) {
		Answer answer = api.post("/api/v1/applications", app(mfa));
		assertThat(answer.status()).as("create %s -> %s", mfa, answer).isEqualTo(201);
		return answer.json();
	}

	@Test
	void whenCreatedWithAFullPolicyThenEveryMemberIsAnsweredAsGiven() {
		JsonNode mfa = create("{\"required\":\"new-device\",\"factors\":[\"totp\",\"sms\"],"
				+ "\"reauthenticateAfter\":\"PT8H\",\"rememberDeviceDays\":30,\"enrollment\":\"administrator-only\"}")
			.get("mfa");

		assertThat(mfa.get("required").asString()).isEqualTo("new-device");
		assertThat(Api.strings(mfa.get("factors"))).containsExactly("sms", "totp");
		assertThat(mfa.get("reauthenticateAfter").asString()).isEqualTo("PT8H");
		assertThat(mfa.get("rememberDeviceDays").asInt()).isEqualTo(30);
		assertThat(mfa.get("enrollment").asString()).isEqualTo("administrator-only");
		assertThat(mfa.get("sms").asBoolean()).isTrue();
	}

	@Test
	void whenCreatedWithoutMfaThenNeverWithTheDefaults() {
		JsonNode mfa = create(null).get("mfa");

		assertThat(mfa.get("required").asString()).isEqualTo("never");
		assertThat(Api.strings(mfa.get("factors"))).containsExactly("sms", "totp");
		assertThat(mfa.get("reauthenticateAfter").isNull()).isTrue();
		assertThat(mfa.get("rememberDeviceDays").asInt()).isZero();
		assertThat(mfa.get("enrollment").asString()).isEqualTo("at-sign-in");
		assertThat(mfa.get("sms").asBoolean()).isFalse();
	}

	@Test
	void whenTheOlderSmsSwitchIsGivenThenItMapsToAlwaysOrNeverAndIsAnswered() {
		JsonNode on = create("{\"sms\":true}");
		assertThat(on.get("mfa").get("required").asString()).isEqualTo("always");
		assertThat(Api.strings(on.get("mfa").get("factors"))).containsExactly("sms", "totp");
		assertThat(on.get("mfa").get("sms").asBoolean()).isTrue();

		Answer off = api.patch(ApplicationApiTests.path(on), "{\"mfa\":{\"sms\":false}}");
		assertThat(off.status()).isEqualTo(200);
		assertThat(off.json().get("mfa").get("required").asString()).isEqualTo("never");
		assertThat(off.json().get("mfa").get("sms").asBoolean()).isFalse();
	}

	@Test
	void whenPatchedThenOnlyTheNamedMembersChangeAndTheChangeIsAudited() {
		JsonNode app = create("{\"required\":\"always\",\"factors\":[\"sms\"],\"reauthenticateAfter\":\"PT8H\"}");

		Answer patched = api.patch(ApplicationApiTests.path(app), "{\"mfa\":{\"rememberDeviceDays\":7}}");
		assertThat(patched.status()).as("%s", patched).isEqualTo(200);
		JsonNode mfa = patched.json().get("mfa");
		assertThat(mfa.get("required").asString()).isEqualTo("always");
		assertThat(Api.strings(mfa.get("factors"))).containsExactly("sms");
		assertThat(mfa.get("reauthenticateAfter").asString()).isEqualTo("PT8H");
		assertThat(mfa.get("rememberDeviceDays").asInt()).isEqualTo(7);

		Answer cleared = api.patch(ApplicationApiTests.path(app), "{\"mfa\":{\"reauthenticateAfter\":null}}");
		assertThat(cleared.json().get("mfa").get("reauthenticateAfter").isNull()).isTrue();

		JsonNode events = api.get("/api/v1/audit-events?event=APPLICATION_MFA_CHANGED&clientId="
				+ app.get("clientId").asString()).json();
		assertThat(events.toString()).contains("changed: mfa.rememberDeviceDays")
			.contains("changed: mfa.reauthenticateAfter");
	}

	@Test
	void whenAMemberIsWrongThen400NamingItAndNothingChanges() {
		JsonNode app = create("{\"required\":\"always\"}");
		JsonNode before = api.get(ApplicationApiTests.path(app)).json();
		List<String[]> cases = List.of(new String[] { "{\"required\":\"sometimes\"}", "mfa.required" },
				new String[] { "{\"required\":5}", "mfa.required" },
				new String[] { "{\"factors\":[]}", "mfa.factors" },
				new String[] { "{\"factors\":[\"email\"]}", "mfa.factors" },
				new String[] { "{\"factors\":\"sms\"}", "mfa.factors" },
				new String[] { "{\"reauthenticateAfter\":\"8 hours\"}", "mfa.reauthenticateAfter" },
				new String[] { "{\"reauthenticateAfter\":\"P400D\"}", "mfa.reauthenticateAfter" },
				new String[] { "{\"rememberDeviceDays\":366}", "mfa.rememberDeviceDays" },
				new String[] { "{\"rememberDeviceDays\":-1}", "mfa.rememberDeviceDays" },
				new String[] { "{\"enrollment\":\"never\"}", "mfa.enrollment" },
				new String[] { "{\"sms\":false,\"required\":\"always\"}", "mfa.sms" });
		SoftAssertions softly = new SoftAssertions();
		for (String[] c : cases) {
			Answer post = api.post("/api/v1/applications", app(c[0]));
			softly.assertThat(post.status()).as("POST %s: %s", c[0], post).isEqualTo(400);
			softly.assertThat(post.isProblem()).as("POST %s: %s", c[0], post).isTrue();
			softly.assertThat(post.errorFields()).as("POST %s: %s", c[0], post).contains(c[1]);

			Answer patch = api.patch(ApplicationApiTests.path(app), "{\"mfa\":" + c[0] + "}");
			softly.assertThat(patch.status()).as("PATCH %s: %s", c[0], patch).isEqualTo(400);
			softly.assertThat(patch.errorFields()).as("PATCH %s: %s", c[0], patch).contains(c[1]);
		}
		// In a PATCH, JSON null is a value (only reauthenticateAfter takes it) and a number must be one.
		for (String[] c : List.of(new String[] { "{\"required\":null}", "mfa.required" },
				new String[] { "{\"factors\":null}", "mfa.factors" },
				new String[] { "{\"rememberDeviceDays\":\"30\"}", "mfa.rememberDeviceDays" })) {
			Answer patch = api.patch(ApplicationApiTests.path(app), "{\"mfa\":" + c[0] + "}");
			softly.assertThat(patch.status()).as("PATCH %s: %s", c[0], patch).isEqualTo(400);
			softly.assertThat(patch.errorFields()).as("PATCH %s: %s", c[0], patch).contains(c[1]);
		}
		softly.assertAll();
		assertThat(api.get(ApplicationApiTests.path(app)).json()).isEqualTo(before);
	}

}
