package dev.smsauth.observability;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.Api;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

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
		visitor.idToken(visitor.get(verified.location()), app.secret());

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

	private String scrape() {
		Api.Answer answer = Api.management(base).get("/actuator/prometheus");
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
