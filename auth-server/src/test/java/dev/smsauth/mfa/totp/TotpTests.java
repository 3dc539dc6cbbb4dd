package dev.smsauth.mfa.totp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The algorithm against the published test vectors: RFC 6238 appendix B and RFC 4648 section 10. */
class TotpTests {

	private static final byte[] SHA1_SEED = ascii("12345678901234567890");

	private static final byte[] SHA256_SEED = ascii("12345678901234567890123456789012");

	private static final byte[] SHA512_SEED = ascii("1234567890123456789012345678901234567890123456789012345678901234");

	private static final long[] TIMES = { 59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L };

	@Test
	void whenRfc6238TestVectorsThenEveryCodeMatches() {
		String[] sha1 = { "94287082", "07081804", "14050471", "89005924", "69279037", "65353130" };
		String[] sha256 = { "46119246", "68084774", "67062674", "91819424", "90698825", "77737706" };
		String[] sha512 = { "90693936", "25091201", "99943326", "93441116", "38618901", "47863826" };
		for (int i = 0; i < TIMES.length; i++) {
			long step = Totp.stepAt(Instant.ofEpochSecond(TIMES[i]));
			assertThat(Totp.code("HmacSHA1", SHA1_SEED, step, 8)).as("SHA1 at %d", TIMES[i]).isEqualTo(sha1[i]);
			assertThat(Totp.code("HmacSHA256", SHA256_SEED, step, 8)).as("SHA256 at %d", TIMES[i]).isEqualTo(sha256[i]);
			assertThat(Totp.code("HmacSHA512", SHA512_SEED, step, 8)).as("SHA512 at %d", TIMES[i]).isEqualTo(sha512[i]);
			// The product's 6-digit code is the same truncation modulo 10^6: the vector's last six digits.
			assertThat(Totp.code(SHA1_SEED, step)).isEqualTo(sha1[i].substring(2));
		}
	}

	@Test
	void whenStepsAreCountedThenThirtySecondsFromTheEpoch() {
		assertThat(Totp.stepAt(Instant.ofEpochSecond(0))).isZero();
		assertThat(Totp.stepAt(Instant.ofEpochSecond(29))).isZero();
		assertThat(Totp.stepAt(Instant.ofEpochSecond(30))).isEqualTo(1);
		assertThat(Totp.stepAt(Instant.ofEpochSecond(1111111109L))).isEqualTo(0x23523EC);
	}

	@Test
	void whenCodeComparedThenOnlyTheExactSixDigitsMatch() {
		long step = 37037036L;
		String right = Totp.code(SHA1_SEED, step);
		assertThat(Totp.matches(SHA1_SEED, step, right)).isTrue();
		assertThat(Totp.matches(SHA1_SEED, step + 1, right)).isFalse();
		assertThat(Totp.matches(SHA1_SEED, step, right.substring(0, 5))).isFalse();
		assertThat(Totp.normalise("123 456")).isEqualTo("123456");
		assertThat(Totp.normalise(" 123456 ")).isEqualTo("123456");
		assertThat(Totp.normalise("12345")).isNull();
		assertThat(Totp.normalise("12345a")).isNull();
		assertThat(Totp.normalise("١٢٣٤٥٦")).as("non-ASCII digits").isNull();
		assertThat(Totp.normalise(null)).isNull();
	}

	@Test
	void whenBase32ThenRfc4648VectorsAndRoundTrip() {
		String[][] vectors = { { "", "" }, { "f", "MY" }, { "fo", "MZXQ" }, { "foo", "MZXW6" }, { "foob", "MZXW6YQ" },
				{ "fooba", "MZXW6YTB" }, { "foobar", "MZXW6YTBOI" } };
		for (String[] v : vectors) {
			assertThat(Base32.encode(ascii(v[0]))).isEqualTo(v[1]);
			assertThat(Base32.decode(v[1])).isEqualTo(ascii(v[0]));
		}
		assertThat(Base32.decode("mzxw 6ytb oi======")).isEqualTo(ascii("foobar"));
		assertThat(Base32.encode(SHA1_SEED)).hasSize(32);
		assertThat(Base32.grouped("ABCDEFGHIJ")).isEqualTo("ABCD EFGH IJ");
		assertThatThrownBy(() -> Base32.decode("ABC1")).isInstanceOf(IllegalArgumentException.class);
	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

}
