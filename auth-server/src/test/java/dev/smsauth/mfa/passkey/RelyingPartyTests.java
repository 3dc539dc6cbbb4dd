package dev.smsauth.mfa.passkey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The RP ID and origin follow from the issuer; an issuer passkeys can not work with stops the start. */
class RelyingPartyTests {

	private static final PasskeyProperties DEFAULTS = new PasskeyProperties("SMS Auth", null);

	@Test
	void whenNoIssuerThenLocalhostAtTheServerPort() {
		RelyingParty rp = RelyingParty.of("", 9000, DEFAULTS);

		assertThat(rp).isEqualTo(new RelyingParty("localhost", "SMS Auth", "http://localhost:9000"));
	}

	@Test
	void whenAnHttpsIssuerThenItsHostAndOrigin() {
		assertThat(RelyingParty.of("https://Login.Example.com/", 8080, DEFAULTS))
			.isEqualTo(new RelyingParty("login.example.com", "SMS Auth", "https://login.example.com"));
		assertThat(RelyingParty.of("https://login.example.com:8443", 8080, new PasskeyProperties("X", "example.com")))
			.isEqualTo(new RelyingParty("example.com", "X", "https://login.example.com:8443"));
	}

	@Test
	void whenTheIssuerCanNotCarryPasskeysThenAClearStartupError() {
		assertThatIllegalStateException().isThrownBy(() -> RelyingParty.of("http://login.example.com", 80, DEFAULTS))
			.withMessageContaining("passkeys need https")
			.withMessageContaining("auth.issuer");
		assertThatIllegalStateException().isThrownBy(() -> RelyingParty.of("https://10.0.0.5", 80, DEFAULTS))
			.withMessageContaining("IP address");
		assertThatIllegalStateException().isThrownBy(() -> RelyingParty.of("not a url", 80, DEFAULTS))
			.withMessageContaining("not a URL");
		assertThatIllegalStateException()
			.isThrownBy(() -> RelyingParty.of("https://login.example.com", 80, new PasskeyProperties("X", "other.com")))
			.withMessageContaining("auth.passkeys.rp-id 'other.com'");
	}

}
