package dev.smsauth.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The floor the server timed itself, from two Prometheus scrapes at a window's edges. */
class ServerCryptoTest {

	private static String scrape(double hashSum, long hashes, double signSum, long signatures) {
		return """
				# HELP smsauth_crypto_cpu_seconds Thread CPU time of password hashes and token signatures
				# TYPE smsauth_crypto_cpu_seconds summary
				smsauth_crypto_cpu_seconds_count{application="auth-server",operation="password_hash"} %d
				smsauth_crypto_cpu_seconds_sum{application="auth-server",operation="password_hash"} %s
				smsauth_crypto_cpu_seconds_count{operation="token_signature"} %d
				smsauth_crypto_cpu_seconds_sum{operation="token_signature"} %s
				smsauth_crypto_cpu_seconds_max{operation="token_signature"} 0.004
				smsauth_signin_password_total{outcome="accepted"} 12.0
				""".formatted(hashes, hashSum, signatures, signSum);
	}

	@Test
	void whenTwoScrapesBracketAWindowThenTheMeanHashAndSignatureAreTheirDifference() {
		ServerCrypto before = ServerCrypto.parse(scrape(1.5, 50, 0.2, 400));
		ServerCrypto after = ServerCrypto.parse(scrape(1.5 + 30 * 0.031, 50 + 30, 0.2 + 62 * 0.0004, 400 + 62));

		ServerCrypto window = after.since(before);

		assertEquals(30, window.hashes());
		assertEquals(31.0, window.msPerHash(), 1e-9);
		assertEquals(0.4, window.msPerSignature(), 1e-9);
		// 30 hashes over 29 sign-ins counted in the window: one hash each, not 1.03
		assertEquals(31.0, window.hashMsPerOp(29), 1e-9);
		// 62 signatures over 30 refreshes: two each
		assertEquals(0.8, window.signatureMsPerOp(30), 1e-9);
	}

	@Test
	void whenTheServerHasNoMeterThenNothingIsSubtracted() {
		ServerCrypto none = ServerCrypto.parse("smsauth_signin_password_total{outcome=\"accepted\"} 12.0\n");

		assertFalse(none.reported());
		assertTrue(Double.isNaN(none.since(ServerCrypto.parse(scrape(1, 1, 1, 1))).hashMsPerOp(10)));
		assertTrue(Double.isNaN(ServerCrypto.parse(scrape(1, 1, 1, 1)).since(none).signatureMsPerOp(10)));
	}

	@Test
	void whenNoHashRanInTheWindowThenThereIsNoHashFloor() {
		ServerCrypto same = ServerCrypto.parse(scrape(2, 7, 1, 9));

		assertTrue(Double.isNaN(same.since(same).hashMsPerOp(100)));
		assertTrue(Double.isNaN(same.since(same).msPerSignature()));
	}

}
