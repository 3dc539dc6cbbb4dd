package dev.smsauth.mfa;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule on {@code /oauth2/authorize} counts a factor only for its owner: the principal that
 * signed in through this session. An authentication of someone else that carries the session's
 * factor authorities (what the framework's bearer filter used to build by merging) is refused.
 */
class ClientMfaAuthorizationManagerTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	/** Every request asks for the MFA level, whatever the client. */
	private final ClientMfaAuthorizationManager rule = new ClientMfaAuthorizationManager(
			new SecondFactorPolicy(new NoClients(), user -> false, Clock.fixed(NOW, ZoneOffset.UTC),
					new StaticListableBeanFactory().getBeanProvider(DeviceTrust.class), new HttpSessionRequestCache()));

	@Test
	void whenTheSessionsOwnSignInHasTheSecondFactorThenGranted() {
		Authentication alice = signedIn("alice", Factors.sms(NOW));
		MockHttpServletRequest request = requestWithSession(alice);

		assertThat(rule.authorize(() -> alice, new RequestAuthorizationContext(request)).isGranted()).isTrue();
	}

	@Test
	void whenAnotherPrincipalCarriesTheSessionsFactorsThenRefused() {
		Authentication alice = signedIn("alice", Factors.sms(NOW));
		MockHttpServletRequest request = requestWithSession(alice);
		List<GrantedAuthority> merged = List.copyOf(alice.getAuthorities());
		TestingAuthenticationToken bob = new TestingAuthenticationToken("bob", null, merged);

		assertThat(rule.authorize(() -> bob, new RequestAuthorizationContext(request)).isGranted()).isFalse();
	}

	@Test
	void whenTheSamePrincipalNameComesFromSomethingOtherThanTheSessionsSignInThenRefused() {
		Authentication alice = signedIn("alice", Factors.sms(NOW));
		MockHttpServletRequest request = requestWithSession(alice);
		TestingAuthenticationToken token = new TestingAuthenticationToken("alice", null,
				List.copyOf(alice.getAuthorities()));

		assertThat(rule.authorize(() -> token, new RequestAuthorizationContext(request)).isGranted()).isFalse();
	}

	@Test
	void whenThereIsNoSessionSignInThenRefusedWhateverTheAuthorities() {
		Authentication alice = signedIn("alice", Factors.sms(NOW));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.setParameter("acr_values", Factors.ACR_MFA);

		assertThat(rule.authorize(() -> alice, new RequestAuthorizationContext(request)).isGranted()).isFalse();
	}

	private static Authentication signedIn(String name, FactorGrantedAuthority secondFactor) {
		FactorGrantedAuthority password = FactorGrantedAuthority.withAuthority(Factors.PASSWORD_AUTHORITY)
			.issuedAt(NOW)
			.build();
		return UsernamePasswordAuthenticationToken.authenticated(name, null, List.of(password, secondFactor));
	}

	private static MockHttpServletRequest requestWithSession(Authentication signedIn) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.setParameter("acr_values", Factors.ACR_MFA);
		request.getSession(true)
			.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
					new SecurityContextImpl(signedIn));
		return request;
	}

	private static final class NoClients implements RegisteredClientRepository {

		@Override
		public void save(RegisteredClient registeredClient) {
		}

		@Override
		public RegisteredClient findById(String id) {
			return null;
		}

		@Override
		public RegisteredClient findByClientId(String clientId) {
			return null;
		}

	}

}
