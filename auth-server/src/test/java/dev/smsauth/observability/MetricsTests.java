package dev.smsauth.observability;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.Api;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus scrape after a real SMS sign-in and token exchange: the product's counters moved,
 * the token and authorize endpoints have latency buckets of their own, and nothing in it names a
 * person, a number or a code.
 */
@AuthServerTest
class MetricsTests extends MfaTestBase {

	@Test
	void whenSmsSignInAndTokenExchangeThenCountersMoveAndNoPersonalDataInTheScrape() {
		String before = scrape();
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		visitor.verify(String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000));
		TestBrowser.Page verified = visitor.verify(code);
		visitor.idToken(visitor.next(verified), app.secret());

		String after = scrape();

		assertThat(delta(before, after, "smsauth_signin_password_total{outcome=\"accepted\"}")).isGreaterThanOrEqualTo(1);
		assertThat(delta(before, after, "smsauth_sms_sent_total{outcome=\"sent\",provider=\"outbox\"}")).isGreaterThanOrEqualTo(1);
		assertThat(delta(before, after, "smsauth_mfa_verifications_total{outcome=\"wrong\"}")).isGreaterThanOrEqualTo(1);
		assertThat(delta(before, after, "smsauth_mfa_verifications_total{outcome=\"verified\"}")).isGreaterThanOrEqualTo(1);
		for (String token : new String[] { "access_token", "refresh_token", "id_token" }) {
			assertThat(delta(before, after, "smsauth_tokens_issued_total{grant_type=\"authorization_code\",token_type=\""
					+ token + "\"}")).as(token).isGreaterThanOrEqualTo(1);
		}
		assertThat(after).contains("smsauth_sms_send_latency_seconds_bucket{outcome=\"sent\",provider=\"outbox\"")
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/oauth2/token\"")
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/oauth2/authorize\"");
		String digits = person.phone().substring(2);
		assertThat(after).doesNotContain(digits).doesNotContain(person.id()).doesNotContain(app.clientId());
		assertThat(after).doesNotContainPattern("(?<![0-9.])" + code + "(?![0-9])");
	}

	@Test
	void whenPasswordWrongThenRefusedCounted() {
		String before = scrape();
		Person person = personWithoutPhone();
		Visitor visitor = visitor(app(false));
		visitor.authorize();

		visitor.signIn(person.username(), "not-the-password");

		assertThat(delta(before, scrape(), "smsauth_signin_password_total{outcome=\"refused\"}")).isEqualTo(1);
	}

	/**
	 * The CPU meter of the two deliberately expensive primitives: a password checked is one hash, a
	 * client secret (SHA-256) is none, every JWT issued is one signature.
	 */
	@Test
	void whenAPasswordSignInRedeemsItsCodeThenItsHashAndEachSignatureAreMeteredButNotTheClientSecret() {
		Person person = personWithoutPhone(); // hashes a password: before the first scrape
		App app = app(false);
		Api scraper = Api.management(base);
		scraper.token(); // its own client_credentials token is signed before the first scrape, too
		String before = scrape(scraper);
		Visitor visitor = visitor(app);
		visitor.authorize();

		TestBrowser.Page toApp = visitor.next(visitor.signIn(person.username(), person.password()));
		JsonNode tokens = visitor.tokens(toApp, app.secret());

		String after = scrape(scraper);
		long jwts = Stream.of("access_token", "id_token", "refresh_token")
			.filter(tokens::has)
			.filter(name -> tokens.get(name).asString().chars().filter(c -> c == '.').count() == 2)
			.count();
		assertThat(jwts).isEqualTo(2); // the access and ID tokens; the refresh token is opaque
		assertThat(delta(before, after, "smsauth_crypto_cpu_seconds_count{operation=\"password_hash\"}")).isEqualTo(1);
		assertThat(delta(before, after, "smsauth_crypto_cpu_seconds_sum{operation=\"password_hash\"}")).isPositive();
		assertThat(delta(before, after, "smsauth_crypto_cpu_seconds_count{operation=\"token_signature\"}")).isEqualTo(jwts);
		assertThat(delta(before, after, "smsauth_crypto_cpu_seconds_sum{operation=\"token_signature\"}")).isPositive();
	}

	private String scrape() {
		return scrape(Api.management(base));
	}

	private static String scrape(Api api) {
		Api.Answer answer = api.get("/actuator/prometheus");
		assertThat(answer.status()).isEqualTo(200);
		return answer.body();
	}

	private static double delta(String before, String after, String series) {
		return value(after, series) - value(before, series);
	}

	private static double value(String scrape, String series) {
		Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
		if (!m.find()) {
			throw new AssertionError("no series " + series + " in the scrape");
		}
		return Double.parseDouble(m.group(1));
	}

}
