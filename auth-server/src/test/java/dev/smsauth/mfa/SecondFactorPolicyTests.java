package dev.smsauth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision itself, without a server: which factors count, how old they may be, which page is
 * asked for, and that without a device store ({@link NoDeviceTrust}) no browser is ever trusted.
 */
class SecondFactorPolicyTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private final SecondFactorPolicy withoutDevices = new SecondFactorPolicy(null, user -> user.equals("app-user"),
			Clock.fixed(NOW, ZoneOffset.UTC), new StaticListableBeanFactory().getBeanProvider(DeviceTrust.class),
			new HttpSessionRequestCache());

	private static SignInPolicy policy(SignInPolicy.Required required, Duration reauthenticate, int days,
			SecondFactor... factors) {
		return new SignInPolicy(required, EnumSet.copyOf(List.of(factors)), reauthenticate, days,
				SignInPolicy.Enrollment.AT_SIGN_IN);
	}

	private static Authentication signedIn(String name, GrantedAuthority... factors) {
		List<GrantedAuthority> all = new java.util.ArrayList<>(List.of(factors));
		all.add(FactorGrantedAuthority.withAuthority(Factors.PASSWORD_AUTHORITY).issuedAt(NOW).build());
		return UsernamePasswordAuthenticationToken.authenticated(name, null, all);
	}

	@Test
	void whenNoDeviceStoreExistsThenNewDeviceAndRememberedDevicesAlwaysAsk() {
		SignInPolicy policy = policy(SignInPolicy.Required.NEW_DEVICE, null, 30, SecondFactor.SMS);

		SecondFactorDecision decision = withoutDevices.decide(policy, false, new MockHttpServletRequest(),
				signedIn("sms-user"));

		assertThat(decision.satisfied()).isFalse();
		assertThat(decision.ask()).isEqualTo(Factors.SMS_AUTHORITY);
	}

	@Test
	void whenTheFactorIsNotOneTheApplicationAcceptsThenItDoesNotCount() {
		SignInPolicy appOnly = policy(SignInPolicy.Required.ALWAYS, null, 0, SecondFactor.TOTP);

		SecondFactorDecision decision = withoutDevices.decide(appOnly, false, new MockHttpServletRequest(),
				signedIn("app-user", Factors.sms(NOW)));

		assertThat(decision.satisfied()).isFalse();
		assertThat(decision.ask()).isEqualTo(Factors.TOTP_AUTHORITY);
	}

	@Test
	void whenTheFactorIsOlderThanReauthenticateAfterThenAskedAgainElseEnough() {
		SignInPolicy eightHours = policy(SignInPolicy.Required.ALWAYS, Duration.ofHours(8), 0, SecondFactor.SMS,
				SecondFactor.TOTP);

		assertThat(withoutDevices.decide(eightHours, false, new MockHttpServletRequest(),
				signedIn("sms-user", Factors.sms(NOW.minus(Duration.ofHours(7).plusMinutes(59))))).satisfied()).isTrue();
		assertThat(withoutDevices.decide(eightHours, false, new MockHttpServletRequest(),
				signedIn("sms-user", Factors.sms(NOW.minus(Duration.ofHours(8).plusMinutes(1))))).ask())
			.isEqualTo(Factors.SMS_AUTHORITY);
	}

	@Test
	void whenTheRelyingPartyAsksForMfaThenEvenNeverNeedsTheFactorAndTheAppIsAskedForFirst() {
		SecondFactorDecision decision = withoutDevices.decide(SignInPolicy.OFF, true, new MockHttpServletRequest(),
				signedIn("app-user"));

		assertThat(decision.satisfied()).isFalse();
		assertThat(decision.ask()).isEqualTo(Factors.TOTP_AUTHORITY);
		assertThat(withoutDevices.decide(SignInPolicy.OFF, false, new MockHttpServletRequest(), signedIn("app-user"))
			.outcome()).isEqualTo(SecondFactorDecision.Outcome.NOT_NEEDED);
	}

}
