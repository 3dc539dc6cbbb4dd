package dev.smsauth.mfa.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smsauth.limits.RateLimiter;
import dev.smsauth.limits.RateLimiterContract;
import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery codes over HTTP: the account page (fresh sign-in, ten codes shown once, a new set voids
 * the old one, CSRF), the step linked from the factor pages (the recovery factor: {@code amr}
 * {@code pwd mfa}, the MFA {@code acr}), single use (also under 50 parallel uses), the shared
 * failure budget, another account's code, the notice to the phone and the audit trail, and no code
 * in a log line or a database column.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class RecoveryCodeTests extends MfaTestBase {

	private static final Pattern CODE = Pattern.compile("data-testid=\"recovery-code\">([0-9a-z-]+)<");

	@Autowired
	RecoveryCodes recoveryCodes;

	@Autowired
	RateLimiter limiter;

	@Test
	void whenOnlyThePasswordWasGivenThenThePageAsksForTheSecondFactorFirst() {
		Person person = person();
		TestBrowser browser = signedIn(person);

		TestBrowser.Page page = browser.get("/account/recovery-codes");

		assertThat(page.status()).isEqualTo(303);
		assertThat(page.location()).isEqualTo(base + "/mfa/sms");
		TestBrowser.Page generate = browser.submit(browser.get("/"), "/account/recovery-codes", Map.of());
		assertThat(generate.status()).isEqualTo(303);
		assertThat(rows(person)).isZero();
	}

	@Test
	void whenGeneratedThenTenCodesAreShownOnceAndANewSetVoidsTheOld() {
		Person person = person();
		TestBrowser browser = signedInWithSms(person);
		TestBrowser.Page page = browser.get("/account/recovery-codes");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(">Generate recovery codes</button>");
		assertThat(browser.get("/account").body()).contains("href=\"/account/recovery-codes\"");

		TestBrowser.Page noCsrf = browser.post("/account/recovery-codes", Map.of());
		assertThat(noCsrf.status()).isEqualTo(403);
		assertThat(rows(person)).isZero();

		TestBrowser.Page shown = browser.submit(page, "/account/recovery-codes", Map.of());
		List<String> first = codesOn(shown);
		assertThat(shown.status()).isEqualTo(200);
		assertThat(shown.response().headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(first).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}"));
		assertThat(rows(person)).isEqualTo(10);
		TestBrowser.Page again = browser.get("/account/recovery-codes");
		assertThat(codesOn(again)).isEmpty();
		assertThat(again.body()).contains("You have 10 unused recovery codes.");
		for (String code : first) {
			assertThat(columnsWith(code)).isEmpty();
			assertThat(columnsWith(code.replace("-", ""))).isEmpty();
		}

		List<String> second = codesOn(browser.submit(again, "/account/recovery-codes", Map.of()));
		assertThat(second).hasSize(10).doesNotContainAnyElementsOf(first);
		assertThat(rows(person)).isEqualTo(10);
		assertThat(recoveryCodes.verify(person.id(), first.get(0))).isEqualTo(RecoveryOutcome.WRONG);
		assertThat(recoveryCodes.verify(person.id(), second.get(0))).isEqualTo(RecoveryOutcome.VERIFIED);
		assertThat(auditEvents(person, "RECOVERY_CODES_GENERATED")).isEqualTo(2);
	}

	@Test
	void whenARecoveryCodeIsTheSecondFactorThenTheIdTokenSaysMfaButNoOtherMethod(CapturedOutput output) {
		Person person = person();
		List<String> codes = generated(person);
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);

		TestBrowser.Page sms = visitor.get("/mfa/sms");
		assertThat(sms.body()).contains("href=\"/mfa/recovery-code\">Use a recovery code</a>");
		TestBrowser.Page page = visitor.get("/mfa/recovery-code");
		assertThat(page.body()).contains("<label for=\"code\">Recovery code</label>").contains(">Verify</button>");
		TestBrowser.Page noCsrf = visitor.browser().post("/mfa/recovery-code/verify", Map.of("code", codes.get(3)));
		assertThat(noCsrf.status()).isEqualTo(403);

		// Typed as from paper: upper case, spaces instead of hyphens.
		TestBrowser.Page verified = visitor.browser()
			.submit(page, "/mfa/recovery-code/verify", Map.of("code", codes.get(3).toUpperCase().replace("-", " ")));
		assertThat(verified.status()).isEqualTo(303);
		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
		TestBrowser.Page toApp = verified;
		assertThat(toApp.location()).startsWith(REDIRECT + "?code=");
		JsonNode idToken = visitor.idToken(toApp, app.secret());
		assertThat(idToken.get("amr").values().stream().map(JsonNode::asString).toList()).containsExactly("pwd", "mfa");
		assertThat(idToken.get("acr").asString()).isEqualTo(Factors.ACR_MFA);

		assertThat(auditEvents(person, "RECOVERY_CODE_USED")).isEqualTo(1);
		List<String> texts = admin.outbox(person.phone()).valueStream().map(m -> m.get("text").asString()).toList();
		assertThat(texts).filteredOn(t -> t.startsWith("A recovery code was used")).singleElement().asString()
			.contains("9 codes are left");
		assertThat(auditEvents(person, "NOTICE_SENT")).isGreaterThanOrEqualTo(1);
		for (String code : codes) {
			assertThat(output.getAll()).doesNotContain(code).doesNotContain(code.replace("-", ""));
			assertThat(columnsWith(code)).isEmpty();
			assertThat(columnsWith(code.replace("-", ""))).isEmpty();
		}
	}

	@Test
	void whenACodeWasUsedThenItIsRefusedInTheNextSignIn() {
		Person person = person();
		String code = generated(person).get(0);
		App app = app(true);
		assertThat(useCode(atSmsStep(app, person), code).location()).startsWith(REDIRECT + "?code=");

		Visitor second = atSmsStep(app, person);
		TestBrowser.Page refused = useCode(second, code);

		assertThat(refused.location()).isEqualTo(base + "/mfa/recovery-code");
		assertThat(second.get("/mfa/recovery-code").alerts()).contains("already used");
		assertThat(auditEvents(person, "RECOVERY_CODE_WRONG")).isEqualTo(1);
	}

	@Test
	void whenAWrongCodeIsTypedThenItTakesASlotInTheSharedFailureBudgetAndARightOneDoesNot() {
		Person person = person();
		List<String> codes = generated(person);
		Visitor visitor = atSmsStep(app(true), person);

		useCode(visitor, "zzzz-zzzz-zzzz");
		useCode(visitor, "not a code at all");
		assertThat(failures(person)).isEqualTo(2);
		useCode(visitor, codes.get(1));
		assertThat(failures(person)).isEqualTo(2);
	}

	@Test
	void whenAnotherPersonsCodeIsTypedThenItIsRefused() {
		Person owner = person();
		String code = generated(owner).get(0);
		Person other = person();
		generated(other);

		TestBrowser.Page refused = useCode(atSmsStep(app(true), other), code);

		assertThat(refused.location()).isEqualTo(base + "/mfa/recovery-code");
		assertThat(recoveryCodes.verify(owner.id(), code)).as("still unused for its owner").isEqualTo(RecoveryOutcome.VERIFIED);
	}

	@Test
	void whenOneCodeIsUsedFiftyTimesAtOnceThenExactlyOneSucceeds() throws Exception {
		Person person = person();
		String code = generated(person).get(0);

		List<RecoveryOutcome> outcomes = RateLimiterContract.fireAtOnce(50, () -> recoveryCodes.verify(person.id(), code));

		assertThat(outcomes).filteredOn(o -> o == RecoveryOutcome.VERIFIED).hasSize(1);
		assertThat(auditEvents(person, "RECOVERY_CODE_USED")).isEqualTo(1);
	}

	@Test
	void whenThePersonHasNoCodesThenTheFactorPagesDoNotOfferThem() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);

		assertThat(visitor.get("/mfa/sms").body()).doesNotContain("Use a recovery code");
		TestBrowser.Page page = visitor.get("/mfa/recovery-code");
		assertThat(page.body()).contains("data-testid=\"no-recovery-codes\"").doesNotContain("name=\"code\"");
	}

	private TestBrowser.Page useCode(Visitor visitor, String code) {
		TestBrowser.Page page = visitor.get("/mfa/recovery-code");
		assertThat(page.status()).isEqualTo(200);
		return visitor.browser().submit(page, "/mfa/recovery-code/verify", Map.of("code", code));
	}

	private List<String> generated(Person person) {
		TestBrowser browser = signedInWithSms(person);
		List<String> codes = codesOn(browser.submit(browser.get("/account/recovery-codes"), "/account/recovery-codes", Map.of()));
		assertThat(codes).hasSize(10);
		return codes;
	}

	private static List<String> codesOn(TestBrowser.Page page) {
		List<String> codes = new ArrayList<>();
		Matcher matcher = CODE.matcher(page.body());
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		return codes;
	}

	private TestBrowser signedIn(Person person) {
		TestBrowser browser = new TestBrowser(base);
		TestBrowser.Page after = browser.submit(browser.get("/login"), "/login",
				Map.of("username", person.username(), "password", person.password()));
		assertThat(after.status()).isEqualTo(303);
		return browser;
	}

	private TestBrowser signedInWithSms(Person person) {
		TestBrowser browser = signedIn(person);
		assertThat(browser.submit(browser.get("/mfa/sms"), "/mfa/sms/send", Map.of()).status()).isEqualTo(200);
		TestBrowser.Page verified = browser.submit(browser.get("/mfa/sms"), "/mfa/sms/verify",
				Map.of("code", admin.latestCode(person.phone())));
		assertThat(verified.status()).isEqualTo(303);
		return browser;
	}

	/**
	 * Columns of any table (text as lower case, binary such as serialised sessions as bytes) that
	 * hold {@code code}: a recovery code must be stored nowhere in plain text, not even in the session.
	 */
	private List<String> columnsWith(String code) {
		List<String> hits = new ArrayList<>();
		List<String[]> columns = jdbc
			.sql("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'")
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3).toUpperCase() })
			.list();
		for (String[] column : columns) {
			String select = "SELECT \"" + column[1] + "\" FROM \"" + column[0] + "\"";
			boolean found;
			if (column[2].contains("BINARY") || column[2].contains("BLOB")) {
				found = jdbc.sql(select)
					.query((rs, row) -> rs.getBytes(1))
					.list()
					.stream()
					.anyMatch(bytes -> bytes != null
							&& new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase().contains(code));
			}
			else if (column[2].contains("CHAR") || column[2].contains("CLOB") || column[2].contains("JSON")) {
				found = jdbc.sql(select)
					.query((rs, row) -> rs.getString(1))
					.list()
					.stream()
					.anyMatch(text -> text != null && text.toLowerCase().contains(code));
			}
			else {
				found = false;
			}
			if (found) {
				hits.add(column[0] + "." + column[1]);
			}
		}
		return hits;
	}

	private int rows(Person person) {
		return jdbc.sql("SELECT COUNT(*) FROM user_recovery_code WHERE user_id = :id")
			.param("id", person.id())
			.query(Integer.class)
			.single();
	}

	private int failures(Person person) {
		return limiter.count("mfa:fail:" + person.id(), Duration.ofHours(1));
	}

	private int auditEvents(Person person, String event) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE user_id = :id AND event = :event")
			.param("id", person.id())
			.param("event", event)
			.query(Integer.class)
			.single();
	}

}
