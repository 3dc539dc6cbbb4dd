package dev.smsauth.mfa.sms;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY.md SMS 1 and 7, on the class that makes and checks codes. The CSPRNG itself is the JDK's
 * {@code SecureRandom} (the field's declared type); what a test can show is that the codes use the
 * whole space evenly, leading zeros included, and that what is stored is exactly an HMAC under the
 * server key, useless without it and for any other challenge.
 */
class OneTimeCodesTests {

	private static final String KEY = "a-test-hmac-key-of-at-least-32-characters";

	private final OneTimeCodes codes = new OneTimeCodes(
			new SmsProperties("outbox", KEY, Duration.ofMinutes(5), 5, Duration.ofSeconds(60), 10, 100));

	@Test
	void whenManyCodesDrawnThenEachDigitPositionIsUniformAndLeadingZerosAreKept() {
		int draws = 100_000;
		int[][] counts = new int[OneTimeCodes.DIGITS][10];
		for (int i = 0; i < draws; i++) {
			String code = codes.newCode();
			assertThat(OneTimeCodes.isWellFormed(code)).as(code).isTrue();
			for (int position = 0; position < OneTimeCodes.DIGITS; position++) {
				counts[position][code.charAt(position) - '0']++;
			}
		}
		double expected = draws / 10.0;
		for (int position = 0; position < OneTimeCodes.DIGITS; position++) {
			double chiSquare = 0;
			for (int digit = 0; digit < 10; digit++) {
				chiSquare += Math.pow(counts[position][digit] - expected, 2) / expected;
			}
			// 9 degrees of freedom: 37.7 is the p = 0.00001 critical value, so a fair source fails
			// about once in 100,000 runs, and a biased one (say digits 0-8 only) fails every time.
			assertThat(chiSquare).as("chi-square of digit position %d: %s", position, counts[position])
				.isLessThan(37.7);
		}
		assertThat(counts[0][0]).as("codes starting with 0 keep their leading zero").isPositive();
	}

	@Test
	void whenCodeHashedThenTheStoredValueIsHmacSha256OfChallengeAndCodeUnderTheServerKey() throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String independent = HexFormat.of()
			.formatHex(mac.doFinal("challenge-1:042917".getBytes(StandardCharsets.UTF_8)));

		assertThat(codes.hash("challenge-1", "042917")).isEqualTo(independent);
		assertThat(codes.hash("challenge-2", "042917")).as("another challenge").isNotEqualTo(independent);
		OneTimeCodes otherServer = new OneTimeCodes(new SmsProperties("outbox", KEY.replace('a', 'b'),
				Duration.ofMinutes(5), 5, Duration.ofSeconds(60), 10, 100));
		assertThat(otherServer.hash("challenge-1", "042917")).as("another server key").isNotEqualTo(independent);
	}

	@Test
	void whenTypedCodeComparedThenOnlyTheExactCodeOfThatChallengeMatches() {
		String stored = codes.hash("challenge-1", "042917");
		assertThat(codes.matches("challenge-1", "042917", stored)).isTrue();
		assertThat(codes.matches("challenge-1", "042918", stored)).isFalse();
		assertThat(codes.matches("challenge-1", "42917", stored)).isFalse();
		assertThat(codes.matches("challenge-2", "042917", stored)).isFalse();
	}

}
