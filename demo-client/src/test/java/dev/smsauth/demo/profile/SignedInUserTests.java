package dev.smsauth.demo.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import static org.assertj.core.api.Assertions.assertThat;

/** The badge on the profile page says which second factor the ID token's {@code amr} names. */
class SignedInUserTests {

	@Test
	void whenAmrSaysSmsOrOtpOrPasswordOnlyThenTheBadgeSaysSo() {
		assertThat(user(List.of("pwd", "sms", "mfa")).secondFactor()).isEqualTo("SMS verified");
		assertThat(user(List.of("pwd", "otp", "mfa")).secondFactor()).isEqualTo("Authenticator app verified");
		SignedInUser passwordOnly = user(List.of("pwd"));
		assertThat(passwordOnly.passedSms()).isFalse();
		assertThat(passwordOnly.secondFactor()).isNull();
	}

	private static SignedInUser user(List<String> amr) {
		OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60),
				Map.of("sub", "user-1", "amr", amr, "name", "Ada"));
		return SignedInUser.of(new DefaultOidcUser(List.of(), token));
	}

}
