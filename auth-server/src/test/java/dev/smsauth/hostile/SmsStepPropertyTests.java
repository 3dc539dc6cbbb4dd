package dev.smsauth.hostile;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile phone numbers and codes on the SMS step of a signed-in session (one that is enrolling a
 * number, one that has one): always a 303 back to the step (or a 400/413 for a form Tomcat refuses),
 * and the page it leads to renders safely. No code is ever accepted by accident.
 */
class SmsStepPropertyTests {

	static Http enrolling;

	static Http withPhone;

	@BeforeContainer
	static void signIn() {
		String noPhone = HostileServer.user("enrolling", null, false);
		enrolling = new Http(HostileServer.base());
		enrolling.signIn(noPhone, noPhone + "-password");
		String hasPhone = HostileServer.user("hasphone", HostileServer.phone(), false);
		withPhone = new Http(HostileServer.base());
		withPhone.signIn(hasPhone, hasPhone + "-password");
	}

	@Property(tries = 50)
	void whenAnyPhoneNumberIsSentThenTheStepAnswersWithItsPageAndItRendersSafely(
			@ForAll("phoneFields") List<Map.Entry<String, String>> fields, @ForAll boolean enroll) {
		Http browser = enroll ? enrolling : withPhone;
		Http.Reply reply = browser.postForm("/mfa/sms/send",
				Http.pairs(fields) + "&_csrf=" + Http.enc(browser.csrf("/mfa/sms")));
		// Send code's answer is the step's page itself (what happened on it), never a 500.
		assertStepAnswer(browser, reply, fields, 200, 400, 413);
		if (reply.status() == 200) {
			assertThat(reply.body()).contains("data-page=\"/mfa/sms\"");
		}
	}

	@Property(tries = 50)
	void whenAnyCodeIsVerifiedThenSeeOtherToTheStepAndNoFactorIsGranted(
			@ForAll("codeFields") List<Map.Entry<String, String>> fields, @ForAll boolean enroll) {
		Http browser = enroll ? enrolling : withPhone;
		Http.Reply reply = browser.postForm("/mfa/sms/verify",
				Http.pairs(fields) + "&_csrf=" + Http.enc(browser.csrf("/mfa/sms")));
		assertStepAnswer(browser, reply, fields, 303, 400, 413);
		if (reply.status() == 303) {
			assertThat(reply.header("Location")).as("a wrong code leads back to the step").contains("/mfa/sms");
		}
	}

	@Property(tries = 30)
	void whenSendByAnotherRouteGetsAnyFieldsThenSeeOtherToTheStepAndItRendersSafely(
			@ForAll("codeFields") List<Map.Entry<String, String>> fields, @ForAll boolean enroll) {
		Http browser = enroll ? enrolling : withPhone;
		Http.Reply reply = browser.postForm("/mfa/sms/another-route",
				Http.pairs(fields) + "&_csrf=" + Http.enc(browser.csrf("/mfa/sms")));
		assertStepAnswer(browser, reply, fields, 303, 400, 413);
		if (reply.status() == 303) {
			assertThat(reply.header("Location")).contains("/mfa/sms");
		}
		// The status answer is JSON: 406 for a client that accepts only something else, never a 500.
		Http.Reply status = browser.get("/mfa/sms/another-route");
		Hostile.assertSafe(status, fields);
		assertThat(status.status()).isIn(200, 406);
	}

	private static void assertStepAnswer(Http browser, Http.Reply reply, Object input, Integer... expected) {
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, input);
		assertThat(reply.status()).as("%s", reply).isIn((Object[]) expected);
		Http.Reply page = browser.get("/mfa/sms");
		Hostile.assertSafe(page, input);
		assertThat(page.status()).isEqualTo(200);
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> phoneFields() {
		return Hostile.parameters(Map.of("phoneNumber",
				Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.of(Hostile.PHONES)),
						net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("+0123456789 ()-.").ofMaxLength(40)),
						net.jqwik.api.Tuple.of(2, Hostile.anyValue()))));
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> codeFields() {
		return Hostile.parameters(Map.of("code",
				Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.strings().numeric().ofMaxLength(12)),
						net.jqwik.api.Tuple.of(1, Arbitraries.of("000000", " 123456 ", "１２３４５６", "١٢٣٤٥٦", "12345\u0000",
								"123 456", "-12345", "1e5")),
						net.jqwik.api.Tuple.of(2, Hostile.anyValue()))));
	}

}
