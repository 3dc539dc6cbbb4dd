package dev.smsauth.mfa.sms;

import java.util.Locale;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue rule 4 (single use) and rule 2 (another user's code), one level below the pages: the
 * pages already drop a verified challenge from the session, so only here can a test show that
 * the code service itself refuses a second use, and a challenge of someone else.
 */
@AuthServerTest
class SmsCodeServiceBindingTests extends MfaTestBase {

	@Autowired
	SmsCodeService codes;

	@Test
	void whenVerifiedCodeCheckedAgainThenRefused() {
		Person person = person();
		String challenge = sent(codes.send(person.id(), person.phone(), SmsChallenge.Purpose.SIGN_IN, Locale.ENGLISH));
		String code = admin.latestCode(person.phone());

		assertThat(codes.verify(challenge, person.id(), code).kind()).isEqualTo(VerifyOutcome.Kind.VERIFIED);
		assertThat(codes.verify(challenge, person.id(), code).kind()).isNotEqualTo(VerifyOutcome.Kind.VERIFIED);
	}

	@Test
	void whenChallengeOfAnotherUserThenRefusedAndNotSpent() {
		Person alice = person();
		Person bob = person();
		String aliceChallenge = sent(codes.send(alice.id(), alice.phone(), SmsChallenge.Purpose.SIGN_IN, Locale.ENGLISH));
		String aliceCode = admin.latestCode(alice.phone());

		assertThat(codes.verify(aliceChallenge, bob.id(), aliceCode).kind()).isEqualTo(VerifyOutcome.Kind.NO_CODE);
		// Bob's attempt neither used Alice's code nor one of her tries.
		assertThat(jdbc.sql("SELECT failed_attempts FROM sms_challenge WHERE id = :id")
			.param("id", aliceChallenge)
			.query(Integer.class)
			.single()).isZero();
		assertThat(codes.verify(aliceChallenge, alice.id(), aliceCode).kind()).isEqualTo(VerifyOutcome.Kind.VERIFIED);
	}

	private static String sent(SendOutcome outcome) {
		assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
		return ((SendOutcome.Sent) outcome).challengeId();
	}

}
