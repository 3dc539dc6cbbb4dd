package dev.smsauth.user;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static dev.smsauth.support.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users half of the management API over real HTTP: normalisation, uniqueness, validation,
 * partial updates, disabling, deletion, and that no answer ever carries a password or its hash.
 */
@AuthServerTest
class UserApiTests {

	/** Numbers +1 415 555 02xx are this class's own; each test takes the next one. */
	static final AtomicInteger NEXT_PHONE = new AtomicInteger(200);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	String base;

	@BeforeEach
	void setUp() {
		base = "http://localhost:" + port;
		api = Api.management(base);
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String freshPhone() {
		return "+1415555" + String.format("%04d", NEXT_PHONE.getAndIncrement());
	}

	static String userJson(String username, String phone, String email, String password) {
		StringBuilder json = new StringBuilder("{\"username\":").append(quote(username))
			.append(",\"password\":")
			.append(quote(password));
		if (phone != null) {
			json.append(",\"phoneNumber\":").append(quote(phone));
		}
		if (email != null) {
			json.append(",\"email\":").append(quote(email));
		}
		return json.append('}').toString();
	}

	JsonNode create(String json) {
		Answer answer = api.post("/api/v1/users", json);
		assertThat(answer.status()).as("create %s -> %s", json, answer).isEqualTo(201);
		return answer.json();
	}

	static String path(JsonNode user) {
		return "/api/v1/users/" + user.get("id").asString();
	}

	static void assertNoSecret(String body) {
		assertThat(body).doesNotContainIgnoringCase("password")
			.doesNotContain("$2a$")
			.doesNotContain("$2b$")
			.doesNotContain("$2y$")
			.doesNotContain("{bcrypt}")
			.doesNotContain("$argon2")
			.doesNotContain("{argon2}")
			.doesNotContain("{sha256}");
	}

	@Test
	void whenUserCreatedThen201WithIdPhoneInE164AndEmailLowercased() {
		// Another test class of this shared server may have the number already (SmsStoryTests).
		jdbc.sql("DELETE FROM user_account WHERE phone_number = '+14155550123'").update();
		String username = unique("Alice.Example");
		Answer created = api.post("/api/v1/users",
				userJson(username, "+1 (415) 555-0123", "Alice.Example@Example.COM", "correct horse battery"));
		try {
			assertThat(created.status()).as("%s", created).isEqualTo(201);
			JsonNode user = created.json();
			String id = user.get("id").asString();
			assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
			assertThat(created.header("Location")).endsWith("/api/v1/users/" + id);
			assertThat(user.get("phoneNumber").asString()).isEqualTo("+14155550123");
			assertThat(user.get("email").asString()).isEqualTo("alice.example@example.com");
			assertThat(user.get("username").asString()).isEqualTo(username.toLowerCase());
			assertThat(user.get("enabled").asBoolean()).isTrue();
			assertNoSecret(created.body());

			JsonNode fetched = api.get(path(user)).json();
			assertThat(fetched.get("phoneNumber").asString()).isEqualTo("+14155550123");
			assertThat(fetched.get("email").asString()).isEqualTo("alice.example@example.com");
		}
		finally {
			if (created.status() == 201) {
				api.delete(path(created.json()));
			}
		}
	}

	@Test
	void whenUserReadPatchedOrListedThenNoAnswerContainsThePasswordOrAHash() {
		JsonNode user = create(userJson(unique("quiet"), freshPhone(), null, "my secret passphrase"));

		assertNoSecret(api.get(path(user)).body());
		Answer patched = api.patch(path(user), "{\"name\":\"Quiet One\",\"password\":\"another passphrase\"}");
		assertThat(patched.status()).isEqualTo(200);
		assertNoSecret(patched.body());
		Answer list = api.get("/api/v1/users?limit=200");
		assertThat(list.status()).isEqualTo(200);
		String all = api.listAll("/api/v1/users");
		assertThat(all).contains(user.get("id").asString());
		assertNoSecret(all);
	}

	@Test
	void whenUsernameTakenThen409NamingTheField() {
		String username = unique("taken");
		create(userJson(username, null, null, "long-enough-1"));

		Answer again = api.post("/api/v1/users", userJson(username.toUpperCase(), null, null, "long-enough-2"));

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.isProblem()).isTrue();
		assertThat(again.firstErrorField()).isEqualTo("username");
	}

	@Test
	void whenEmailTakenThen409NamingTheField() {
		String email = unique("bob") + "@example.com";
		create(userJson(unique("bob"), null, email, "long-enough-1"));

		Answer again = api.post("/api/v1/users", userJson(unique("bob"), null, email.toUpperCase(), "long-enough-2"));

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.isProblem()).isTrue();
		assertThat(again.firstErrorField()).isEqualTo("email");
	}

	@Test
	void whenPhoneNumberTakenThen409NamingTheField() {
		String phone = freshPhone();
		create(userJson(unique("carol"), phone, null, "long-enough-1"));
		String typedDifferently = phone.substring(0, 2) + " (" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-"
				+ phone.substring(8);

		Answer again = api.post("/api/v1/users", userJson(unique("carol"), typedDifferently, null, "long-enough-2"));

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.isProblem()).isTrue();
		assertThat(again.firstErrorField()).isEqualTo("phoneNumber");
	}

	@Test
	void whenPatchTakesAnotherUsersUsernameOrPhoneThen409NamingTheField() {
		String phone = freshPhone();
		JsonNode first = create(userJson(unique("dave"), phone, null, "long-enough-1"));
		JsonNode second = create(userJson(unique("erin"), null, null, "long-enough-1"));

		Answer username = api.patch(path(second), "{\"username\":" + quote(first.get("username").asString()) + "}");
		assertThat(username.status()).isEqualTo(409);
		assertThat(username.firstErrorField()).isEqualTo("username");
		Answer number = api.patch(path(second), "{\"phoneNumber\":" + quote(phone) + "}");
		assertThat(number.status()).isEqualTo(409);
		assertThat(number.firstErrorField()).isEqualTo("phoneNumber");
		assertThat(api.get(path(second)).json().get("username").asString()).isEqualTo(second.get("username").asString());
	}

	@Test
	void whenEveryFieldIsInvalidThen400NamingEachOne() {
		Answer answer = api.post("/api/v1/users", "{\"username\":\"ab\",\"email\":\"not-an-email\","
				+ "\"phoneNumber\":\"12345\",\"password\":\"short\"}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.isProblem()).isTrue();
		assertThat(answer.errorFields()).containsExactlyInAnyOrder("username", "email", "phoneNumber", "password");
	}

	@Test
	void whenOneFieldIsInvalidThen400NamingThatField() {
		SoftAssertions softly = new SoftAssertions();
		record Case(String field, String json) {
		}
		List<Case> cases = List.of(new Case("username", userJson("ab", null, null, "long-enough-1")),
				new Case("username", userJson("has space", null, null, "long-enough-1")),
				new Case("username", userJson("alice@example.com", null, null, "long-enough-1")),
				new Case("username", userJson("+14155550100", null, null, "long-enough-1")),
				new Case("username", userJson("-leading-dash", null, null, "long-enough-1")),
				new Case("username", userJson("a".repeat(65), null, null, "long-enough-1")),
				new Case("username", "{\"password\":\"long-enough-1\"}"),
				new Case("email", userJson(unique("e"), null, "no-at-sign.example.com", "long-enough-1")),
				new Case("email", userJson(unique("e"), null, "two@@example.com", "long-enough-1")),
				new Case("email", userJson(unique("e"), null, "nodot@example", "long-enough-1")),
				new Case("phoneNumber", userJson(unique("p"), "4155550123", null, "long-enough-1")),
				new Case("phoneNumber", userJson(unique("p"), "+0123456789", null, "long-enough-1")),
				new Case("phoneNumber", userJson(unique("p"), "+1 415 CALL NOW", null, "long-enough-1")),
				new Case("phoneNumber", userJson(unique("p"), "+1234567890123456", null, "long-enough-1")),
				new Case("phoneNumber", userJson(unique("p"), "+1 415 555 0123 +1", null, "long-enough-1")),
				new Case("password", userJson(unique("w"), null, null, "seven77")),
				new Case("password", userJson(unique("w"), null, null, "")),
				new Case("password", userJson(unique("w"), null, null, "p".repeat(129))),
				new Case("password", "{\"username\":" + quote(unique("w")) + "}"));
		for (Case c : cases) {
			Answer answer = api.post("/api/v1/users", c.json());
			softly.assertThat(answer.status()).as("%s -> %s", c.json(), answer).isEqualTo(400);
			softly.assertThat(answer.isProblem()).as(c.json()).isTrue();
			softly.assertThat(answer.errorFields()).as(c.json()).containsExactly(c.field());
		}
		softly.assertAll();
	}

	/**
	 * The server's own rule is 8 to 128 characters, and NIST SP 800-63B (5.1.1.2) requires at least
	 * 64 to be allowed: a 115-character passphrase (over bcrypt's 72-byte input limit) must be
	 * accepted and work at sign-in.
	 */
	@Test
	void whenPasswordIsAPassphraseLongerThan72BytesThenCreatedAndUsableForSignIn() {
		String username = unique("passphrase");
		String passphrase = "correct horse battery staple ".repeat(4).strip(); // 115 characters

		Answer created = api.post("/api/v1/users", userJson(username, null, null, passphrase));

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		TestBrowser browser = new TestBrowser(base);
		TestBrowser.Page signedIn = browser.submit(browser.get("/login"), "/login",
				Map.of("username", username, "password", passphrase));
		assertThat(signedIn.location()).doesNotContain("error");
	}

	@Test
	void whenPasswordPatchedToAPassphraseLongerThan72BytesThen200Not500() {
		JsonNode user = create(userJson(unique("patch-pass"), null, null, "long-enough-1"));

		Answer patched = api.patch(path(user), "{\"password\":" + quote("ü".repeat(40)) + "}"); // 80 bytes in UTF-8

		assertThat(patched.status()).as("%s", patched).isEqualTo(200);
	}

	@Test
	void whenPatchLeavesMembersOutThenTheyStayAsTheyWere() {
		String phone = freshPhone();
		JsonNode user = create(userJson(unique("frank"), phone, unique("frank") + "@example.com", "long-enough-1"));
		JsonNode before = api.get(path(user)).json();

		Answer renamed = api.patch(path(user), "{\"name\":\"Frank Example\"}");

		assertThat(renamed.status()).isEqualTo(200);
		ObjectNode expected = (ObjectNode) before.deepCopy();
		expected.put("name", "Frank Example");
		expected.remove("updatedAt");
		ObjectNode actual = (ObjectNode) renamed.json().deepCopy();
		actual.remove("updatedAt");
		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void whenPhoneNumberPatchedToNullThenItIsRemovedAndFreeAgain() {
		String phone = freshPhone();
		JsonNode user = create(userJson(unique("grace"), phone, null, "long-enough-1"));
		assertThat(user.get("phoneNumber").asString()).isEqualTo(phone);

		Answer patched = api.patch(path(user), "{\"phoneNumber\":null}");

		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().get("phoneNumber").isNull()).isTrue();
		assertThat(api.get(path(user)).json().get("phoneNumber").isNull()).isTrue();
		assertThat(jdbc.sql("SELECT phone_number FROM user_account WHERE id = :id")
			.param("id", user.get("id").asString())
			.query(String.class)
			.optional()).isEmpty();
		// The number can now go to someone else.
		create(userJson(unique("heidi"), phone, null, "long-enough-1"));
	}

	@Test
	void whenUserDisabledThenSignInFailsAndWhenEnabledAgainItWorks() {
		String username = unique("ivan");
		JsonNode user = create(userJson(username, null, null, "ivan-password-1"));
		assertThat(signIn(username, "ivan-password-1").location()).isEqualTo(base + "/");

		Answer disabled = api.patch(path(user), "{\"enabled\":false}");
		assertThat(disabled.status()).isEqualTo(200);
		assertThat(disabled.json().get("enabled").asBoolean()).isFalse();

		TestBrowser.Page refused = signIn(username, "ivan-password-1");
		assertThat(refused.status()).isEqualTo(303);
		assertThat(refused.location()).isEqualTo(base + "/login?error");

		assertThat(api.patch(path(user), "{\"enabled\":true}").status()).isEqualTo(200);
		assertThat(signIn(username, "ivan-password-1").location()).isEqualTo(base + "/");
	}

	TestBrowser.Page signIn(String identifier, String password) {
		TestBrowser browser = new TestBrowser(base);
		return browser.submit(browser.get("/login"), "/login", Map.of("username", identifier, "password", password));
	}

	@Test
	void whenUserDeletedThen204ThenGet404AndSignInFails() {
		String username = unique("judy");
		JsonNode user = create(userJson(username, null, null, "judy-password-1"));

		Answer deleted = api.delete(path(user));

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		Answer gone = api.get(path(user));
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.isProblem()).isTrue();
		assertThat(api.delete(path(user)).status()).isEqualTo(404);
		assertThat(signIn(username, "judy-password-1").location()).isEqualTo(base + "/login?error");
	}

	@Test
	void whenStoredThenPasswordHashIsArgon2idOfThePassword() {
		JsonNode user = create(userJson(unique("kim"), null, null, "kim-password-1"));

		String hash = jdbc.sql("SELECT password_hash FROM user_account WHERE id = :id")
			.param("id", user.get("id").asString())
			.query(String.class)
			.single();

		assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain("kim-password-1");
		Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
		assertThat(argon2.matches("kim-password-1", hash.substring("{argon2}".length()))).isTrue();
		assertThat(argon2.matches("kim-password-2", hash.substring("{argon2}".length()))).isFalse();
	}

}
