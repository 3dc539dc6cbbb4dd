package dev.smsauth.demo.registration;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.ResourceAccessException;

import dev.smsauth.demo.DemoClientProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LazyClientRegistrationRepositoryTests {

	private static final DemoClientProperties PROPERTIES = new DemoClientProperties("http://auth.test",
			"demo-client", "demo-secret", List.of("openid", "phone"));

	private final AtomicInteger lookups = new AtomicInteger();

	@Test
	void whenDiscoverySucceedsThenRegistrationUsesOurClientSettings() {
		var repository = new LazyClientRegistrationRepository(PROPERTIES, succeeding());

		ClientRegistration registration = repository.findByRegistrationId("smsauth");

		assertThat(registration.getRegistrationId()).isEqualTo("smsauth");
		assertThat(registration.getClientId()).isEqualTo("demo-client");
		assertThat(registration.getClientSecret()).isEqualTo("demo-secret");
		assertThat(registration.getClientAuthenticationMethod())
			.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		assertThat(registration.getScopes()).containsExactlyInAnyOrder("openid", "phone");
	}

	@Test
	void whenDiscoverySucceededOnceThenItIsNotRepeated() {
		var repository = new LazyClientRegistrationRepository(PROPERTIES, succeeding());

		ClientRegistration first = repository.findByRegistrationId("smsauth");
		ClientRegistration second = repository.findByRegistrationId("smsauth");

		assertThat(second).isSameAs(first);
		assertThat(this.lookups).hasValue(1);
	}

	@Test
	void whenAuthServerUnreachableThenFailsAndRetriesOnNextCall() {
		var repository = new LazyClientRegistrationRepository(PROPERTIES, (issuer) -> {
			if (this.lookups.incrementAndGet() == 1) {
				throw new IllegalArgumentException("Unable to resolve Configuration",
						new ResourceAccessException("Connection refused"));
			}
			return builder(issuer);
		});

		assertThatExceptionOfType(AuthorizationServerUnavailableException.class)
			.isThrownBy(() -> repository.findByRegistrationId("smsauth"))
			.satisfies((ex) -> {
				assertThat(ex.getIssuer()).isEqualTo("http://auth.test");
				assertThat(ex.isUnreachable()).isTrue();
			});
		assertThat(repository.findByRegistrationId("smsauth")).isNotNull();
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void whenDiscoveryDocumentUnusableThenNotReportedAsUnreachable() {
		var repository = new LazyClientRegistrationRepository(PROPERTIES, (issuer) -> {
			throw new IllegalStateException("The Issuer \"http://other\" did not match");
		});

		assertThatExceptionOfType(AuthorizationServerUnavailableException.class)
			.isThrownBy(() -> repository.findByRegistrationId("smsauth"))
			.satisfies((ex) -> assertThat(ex.isUnreachable()).isFalse());
	}

	@Test
	void whenOtherRegistrationIdRequestedThenNullWithoutContactingTheServer() {
		var repository = new LazyClientRegistrationRepository(PROPERTIES, succeeding());

		assertThat(repository.findByRegistrationId("google")).isNull();
		assertThat(this.lookups).hasValue(0);
	}

	private Function<String, ClientRegistration.Builder> succeeding() {
		return (issuer) -> {
			this.lookups.incrementAndGet();
			return builder(issuer);
		};
	}

	/** What ClientRegistrations.fromIssuerLocation returns, minus the client's own settings. */
	private static ClientRegistration.Builder builder(String issuer) {
		return ClientRegistration.withRegistrationId("auth.test")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.redirectUri("{baseUrl}/{action}/oauth2/code/{registrationId}")
			.authorizationUri(issuer + "/oauth2/authorize")
			.tokenUri(issuer + "/oauth2/token")
			.issuerUri(issuer);
	}

}
