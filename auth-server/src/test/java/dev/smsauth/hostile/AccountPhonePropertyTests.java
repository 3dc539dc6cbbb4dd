package dev.smsauth.hostile;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile phone numbers and codes on the self-service phone change (/account/phone) of a session
 * that has signed in with password and SMS, and of one whose account has no number yet: always a
 * 303 back to the page (or a 400/413 for a form Tomcat refuses), the page renders safely, and no
 * guessed code changes the number.
 */
class AccountPhonePropertyTests {

	static Http withPhone;

	static Http withoutPhone;

	@BeforeContainer
	static void signIn() {
		String number = HostileServer.phone();
		String hasPhone = HostileServer.user("changing", number, false);
		withPhone = new Http(HostileServer.base());
		withPhone.signIn(hasPhone, hasPhone + "-password");
		withPhone.passSms(HostileServer.management(), number);
		String noPhone = HostileServer.user("adding", null, false);
		withoutPhone = new Http(HostileServer.base());
		withoutPhone.signIn(noPhone, noPhone + "-password");
	}

	@Property(tries = 40)
	void whenAnyPhoneNumberIsSentThenSeeOtherToThePageAndItRendersSafely(
			@ForAll("phoneFields") List<Map.Entry<String, String>> fields, @ForAll boolean hasPhone) {
		Http browser = hasPhone ? withPhone : withoutPhone;
		Http.Reply reply = browser.postForm("/account/phone/send",
				Http.pairs(fields) + "&_csrf=" + Http.enc(browser.csrf("/mfa/sms")));
		assertPageAnswer(browser, reply, fields);
	}

	@Property(tries = 40)
	void whenAnyCodeIsVerifiedThenSeeOtherToThePageAndTheNumberStays(
			@ForAll("codeFields") List<Map.Entry<String, String>> fields) {
		Http.Reply reply = withPhone.postForm("/account/phone/verify",
				Http.pairs(fields) + "&_csrf=" + Http.enc(withPhone.csrf("/mfa/sms")));
		Http.Reply page = assertPageAnswer(withPhone, reply, fields);
		assertThat(page.body()).as("a guessed code changed the number").doesNotContain("Your phone number was changed.");
	}

	private static Http.Reply assertPageAnswer(Http browser, Http.Reply reply, Object input) {
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, input);
		assertThat(reply.status()).as("%s", reply).isIn(303, 400, 413);
		if (reply.status() == 303) {
			assertThat(reply.header("Location")).contains("/account/phone");
		}
		Http.Reply page = browser.get("/account/phone");
		Hostile.assertSafe(page, input);
		// 303 only if this slow machine let the sign-in grow older than five minutes.
		assertThat(page.status()).isIn(200, 303);
		return page;
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> phoneFields() {
		return Hostile.parameters(Map.of("phoneNumber",
				Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(Hostile.PHONES)),
						Tuple.of(1, Arbitraries.strings().withChars("+0123456789 ()-.").ofMaxLength(40)),
						Tuple.of(2, Hostile.anyValue()))));
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> codeFields() {
		return Hostile.parameters(Map.of("code",
				Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.strings().numeric().ofMaxLength(12)),
						Tuple.of(1, Arbitraries.of("000000", " 123456 ", "１２３４５６", "12345\u0000", "-12345")),
						Tuple.of(2, Hostile.anyValue()))));
	}

}
