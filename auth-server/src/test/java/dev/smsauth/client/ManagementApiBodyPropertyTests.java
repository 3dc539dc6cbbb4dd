package dev.smsauth.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.StartedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import static dev.smsauth.support.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever body a caller sends to the management API's writes, the answer is never a 5xx: bad
 * input is a 4xx problem document. Bodies are mostly objects with the real members holding
 * plausible or arbitrary values (so validation, normalisation, hashing and storage are reached),
 * sometimes any JSON value or any text at all.
 * <p>
 * jqwik does not run Spring's test extension, so this class starts its own server once.
 */
class ManagementApiBodyPropertyTests {

	static StartedServer server;

	static Api api;

	static String userPath;

	static String appPath;

	@BeforeContainer
	static void startServer() {
		server = StartedServer.start(List.of(),
				"--spring.datasource.url=jdbc:h2:mem:properties-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		api = Api.management(server.base());
		Answer user = api.post("/api/v1/users", "{\"username\":\"property-target\",\"password\":\"long-enough-1\"}");
		assertThat(user.status()).isEqualTo(201);
		userPath = "/api/v1/users/" + user.json().get("id").asString();
		Answer app = api.post("/api/v1/applications",
				"{\"name\":\"Property target\",\"redirectUris\":[\"https://target.example.com/cb\"]}");
		assertThat(app.status()).isEqualTo(201);
		appPath = "/api/v1/applications/" + app.json().get("clientId").asString();
	}

	@AfterContainer
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Property(tries = 60)
	void whenAnyBodyIsPostedToUsersThenNever5xx(@ForAll("userBodies") String body) {
		Answer answer = api.post("/api/v1/users", body);
		Statistics.collect(answer.status(), errorField(answer));
		assertNoServerError(answer, body);
		if (answer.status() == 201) {
			assertThat(answer.body()).doesNotContainIgnoringCase("password").doesNotContain("{bcrypt}");
		}
	}

	@Property(tries = 60)
	void whenAnyBodyIsPostedToApplicationsThenNever5xx(@ForAll("applicationBodies") String body) {
		Answer answer = api.post("/api/v1/applications", body);
		Statistics.collect(answer.status(), errorField(answer));
		assertNoServerError(answer, body);
	}

	@Property(tries = 40)
	void whenAnyBodyPatchesAUserThenNever5xx(@ForAll("userPatches") String body) {
		Answer answer = api.patch(userPath, body);
		Statistics.collect(answer.status(), errorField(answer));
		assertNoServerError(answer, body);
	}

	@Property(tries = 40)
	void whenAnyBodyPatchesAnApplicationThenNever5xx(@ForAll("applicationPatches") String body) {
		Answer answer = api.patch(appPath, body);
		Statistics.collect(answer.status(), errorField(answer));
		assertNoServerError(answer, body);
	}

	static String errorField(Answer answer) {
		try {
			return answer.status() == 400 ? String.valueOf(answer.firstErrorField()) : "";
		}
		catch (RuntimeException ex) {
			return "?";
		}
	}

	static void assertNoServerError(Answer answer, String body) {
		String shown = body.length() > 500 ? body.substring(0, 500) + "…" : body;
		assertThat(answer.status()).as("body %s -> %s", shown, answer).isLessThan(500);
		if (answer.status() >= 400) {
			assertThat(answer.contentType()).as("body %s -> %s", shown, answer).startsWith("application/problem+json");
		}
	}

	// --- generators -------------------------------------------------------------------------
	// Each member is mostly valid and sometimes anything, so that a good share of bodies get past
	// validation to normalisation, hashing and storage, and the rest probe the checks one by one.

	@Provide
	Arbitrary<String> userBodies() {
		return anyBody(object(List.of(member("username", username(), 0.02), member("password", password(), 0.02),
				member("email", email(), 0.4), member("phoneNumber", phone(), 0.4), member("name", name(), 0.5),
				extraMember())));
	}

	@Provide
	Arbitrary<String> userPatches() {
		return anyBody(object(List.of(member("username", username(), 0.8), member("password", password(), 0.5),
				member("email", orNull(email()), 0.6), member("phoneNumber", orNull(phone()), 0.6),
				member("name", orNull(name()), 0.6), member("enabled", validOr(Arbitraries.of("true", "false"), json(1)), 0.7), extraMember())));
	}

	@Provide
	Arbitrary<String> applicationBodies() {
		return anyBody(object(applicationMembers(0.02, 0.1, 0.5, 0.3, 0.3, 0.5, 0.4)));
	}

	@Provide
	Arbitrary<String> applicationPatches() {
		List<Arbitrary<String>> members = new ArrayList<>(applicationMembers(0.6, 0.6, 0.7, 0.6, 0.6, 0.7, 0.5));
		members.add(member("public", flag(), 0.9));
		return anyBody(object(members));
	}

	static List<Arbitrary<String>> applicationMembers(double nameAbsent, double redirectAbsent, double logoutAbsent,
			double scopesAbsent, double grantsAbsent, double flagsAbsent, double mfaAbsent) {
		return List.of(member("name", appName(), nameAbsent), member("redirectUris", uris(1), redirectAbsent),
				member("postLogoutRedirectUris", uris(0), logoutAbsent), member("scopes", scopes(), scopesAbsent),
				member("grantTypes", grantTypes(), grantsAbsent), member("public", flag(), flagsAbsent),
				member("consentRequired", flag(), flagsAbsent), member("pkceRequired", flag(), flagsAbsent),
				member("mfa", mfa(), mfaAbsent), extraMember());
	}

	/** Mostly the object, sometimes any JSON value, sometimes any text, sometimes a cut-off object. */
	static Arbitrary<String> anyBody(Arbitrary<String> object) {
		return Arbitraries.frequencyOf(Tuple.of(20, object), Tuple.of(1, json(2)),
				Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
				Tuple.of(1, object.map(o -> o.substring(0, o.length() / 2))));
	}

	/** {@code "name":value}, or null (left out) with the given probability. */
	static Arbitrary<String> member(String name, Arbitrary<String> jsonValue, double absent) {
		return jsonValue.map(v -> quote(name) + ":" + v).injectNull(absent);
	}

	static Arbitrary<String> extraMember() {
		return Combinators.combine(Arbitraries.strings().ofMaxLength(20), json(1))
			.as((k, v) -> quote(k) + ":" + v)
			.injectNull(0.8);
	}

	static Arbitrary<String> object(List<Arbitrary<String>> members) {
		return Combinators.combine(members)
			.as(list -> "{" + String.join(",", list.stream().filter(Objects::nonNull).toList()) + "}");
	}

	/** A valid JSON value most of the time, else one of the others. */
	@SafeVarargs
	static Arbitrary<String> validOr(Arbitrary<String> valid, Arbitrary<String>... others) {
		return Arbitraries.frequencyOf(Tuple.of(9, valid), Tuple.of(1, Arbitraries.oneOf(List.of(others))));
	}

	static Arbitrary<String> orNull(Arbitrary<String> value) {
		return Arbitraries.frequencyOf(Tuple.of(5, value), Tuple.of(1, Arbitraries.just("null")));
	}

	/** Any JSON value up to {@code depth} levels of nesting, as text. */
	static Arbitrary<String> json(int depth) {
		Arbitrary<String> leaf = Arbitraries.oneOf(
				Arbitraries.of("null", "true", "false", "0", "-1", "1e999", "-0.0", "12345678901234567890123", "\"\"",
						"1.5"),
				Arbitraries.integers().map(String::valueOf), Arbitraries.strings().ofMaxLength(80).map(Api::quote));
		if (depth == 0) {
			return leaf;
		}
		Arbitrary<String> array = json(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
		Arbitrary<String> object = Combinators
			.combine(Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(10), Arbitraries.of("sms", "name", "username")),
					json(depth - 1))
			.as((k, v) -> quote(k) + ":" + v)
			.list()
			.ofMaxSize(4)
			.map(l -> "{" + String.join(",", l) + "}");
		return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, array), Tuple.of(1, object));
	}

	static Arbitrary<String> text(int maxLength) {
		return Arbitraries.strings().ofMaxLength(maxLength).map(Api::quote);
	}

	static Arbitrary<String> username() {
		Arbitrary<String> valid = Arbitraries.strings()
			.withCharRange('a', 'z')
			.numeric()
			.withChars('.', '_', '-')
			.ofMinLength(5)
			.ofMaxLength(30)
			.map(s -> quote("p" + s));
		return validOr(valid, text(70), json(1));
	}

	/** Valid passwords span the whole allowed length, 8 to 128 characters, any ASCII. */
	static Arbitrary<String> password() {
		Arbitrary<String> valid = Arbitraries.strings()
			.ascii()
			.ofMinLength(8)
			.ofMaxLength(128)
			.withLengthDistribution(RandomDistribution.uniform())
			.map(Api::quote);
		return validOr(valid, text(150), Arbitraries.strings().ofMinLength(8).ofMaxLength(60).map(Api::quote), json(1));
	}

	static Arbitrary<String> email() {
		Arbitrary<String> valid = Combinators
			.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
					Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
			.as((local, domain) -> quote(local + "@" + domain + ".example"));
		return validOr(valid, text(80), json(1));
	}

	static Arbitrary<String> phone() {
		Arbitrary<String> valid = Arbitraries.strings().numeric().ofLength(7).map(d -> quote("+1 (415) " + d));
		return validOr(valid, text(45), json(1));
	}

	static Arbitrary<String> name() {
		return validOr(Arbitraries.strings().alpha().withChars(' ').ofMaxLength(60).map(Api::quote), text(250), json(1));
	}

	static Arbitrary<String> appName() {
		return validOr(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30).map(s -> quote("App " + s)), text(250),
				json(1));
	}

	static Arbitrary<String> uris(int minSize) {
		Arbitrary<String> valid = Arbitraries.of("https://app.example.com/cb", "http://localhost:8080/cb",
				"http://127.0.0.1:51234/cb", "com.example.app:/cb", "https://app.example.com/cb?x=1");
		Arbitrary<String> any = Arbitraries.frequencyOf(
				Tuple.of(4, Arbitraries.of("http://evil.example.com/cb", "https://a.example.com/cb#f", "javascript:alert(1)",
						"/relative", "https://app.example.com/a,b", "https://[::1", "https://app.example.com/%zz", "")),
				Tuple.of(2, Arbitraries.strings().ofMaxLength(120)),
				Tuple.of(2, Arbitraries.strings().ascii().ofMaxLength(120).map(s -> "https://x.example.com/" + s)),
				Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(300).ofMaxLength(1100)
					.map(s -> "https://long.example.com/" + s)));
		return validOr(stringArray(valid, minSize, 3), stringArray(Arbitraries.oneOf(valid, any), 0, 4), json(1));
	}

	static Arbitrary<String> scopes() {
		Arbitrary<String> valid = Arbitraries.frequencyOf(
				Tuple.of(4, Arbitraries.of("openid", "profile", "reports", "management", "offline_access")),
				Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(100)));
		Arbitrary<String> any = Arbitraries.oneOf(valid, Arbitraries.strings().ofMaxLength(110));
		return validOr(stringArray(valid, 0, 12), stringArray(any, 0, 12), json(1));
	}

	static Arbitrary<String> grantTypes() {
		Arbitrary<String> valid = Arbitraries.of("authorization_code", "refresh_token", "client_credentials");
		Arbitrary<String> any = Arbitraries.oneOf(valid, Arbitraries.of("implicit", "password"),
				Arbitraries.strings().ofMaxLength(40));
		return validOr(stringArray(valid, 1, 3), stringArray(any, 0, 4), json(1));
	}

	static Arbitrary<String> flag() {
		return validOr(Arbitraries.of("true", "false", "null"), json(1));
	}

	static Arbitrary<String> mfa() {
		return validOr(Arbitraries.of("{\"sms\":true}", "{\"sms\":false}", "{}", "null"), json(2));
	}

	static Arbitrary<String> stringArray(Arbitrary<String> item, int minSize, int maxSize) {
		return item.map(Api::quote).list().ofMinSize(minSize).ofMaxSize(maxSize).map(l -> "[" + String.join(",", l) + "]");
	}

}
