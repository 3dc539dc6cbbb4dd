package dev.smsauth.config;

import java.util.Map;

import dev.smsauth.client.Sha256SecretEncoder;
import dev.smsauth.observability.CryptoCpu;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One {@link PasswordEncoder} bean serves both kinds of secret by prefix.
 * <ul>
 * <li>User passwords: Argon2id (memory-hard, OWASP's first choice, no 72-byte limit, so long
 * passphrases work) with Spring Security 5.8's costs and encoded form, computed by
 * {@link ReusedMemoryArgon2PasswordEncoder}, which reuses the hash's 16 MiB instead of allocating it
 * per sign-in; {@code {bcrypt}} values still verify and are upgraded on the next sign-in.</li>
 * <li>Client secrets: {@code {sha256}}, written by {@link dev.smsauth.client.ApplicationService}. They
 * are 256 random bits, so a fast hash is right, and they must never be "upgraded" to a slow one
 * (the authorization server re-encodes a secret whenever the encoder says it should).</li>
 * </ul>
 * The CPU of every password hash (not of a client secret's SHA-256) is metered by {@link CryptoCpu}.
 */
@Configuration(proxyBeanMethods = false)
class PasswordEncoderConfig {

	@Bean
	PasswordEncoder passwordEncoder(CryptoCpu cpu) {
		DelegatingPasswordEncoder delegating = new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", ReusedMemoryArgon2PasswordEncoder.forThisMachine(), "bcrypt",
						new BCryptPasswordEncoder(), Sha256SecretEncoder.ID, new Sha256SecretEncoder()));
		return new ClientSecretsStayFast(delegating, cpu);
	}

	/** Keeps {@code {sha256}} client secrets as they are instead of re-encoding them with Argon2. */
	private record ClientSecretsStayFast(DelegatingPasswordEncoder delegate, CryptoCpu cpu) implements PasswordEncoder {

		private static final String SHA256_PREFIX = "{" + Sha256SecretEncoder.ID + "}";

		@Override
		public String encode(CharSequence rawPassword) {
			long started = cpu.start();
			try {
				return delegate.encode(rawPassword);
			}
			finally {
				cpu.stop(CryptoCpu.Operation.PASSWORD_HASH, started);
			}
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			if (encodedPassword != null && encodedPassword.startsWith(SHA256_PREFIX)) {
				return delegate.matches(rawPassword, encodedPassword);
			}
			long started = cpu.start();
			try {
				return delegate.matches(rawPassword, encodedPassword);
			}
			finally {
				cpu.stop(CryptoCpu.Operation.PASSWORD_HASH, started);
			}
		}

		@Override
		public boolean upgradeEncoding(String encodedPassword) {
			return encodedPassword != null && !encodedPassword.startsWith(SHA256_PREFIX)
					&& delegate.upgradeEncoding(encodedPassword);
		}

	}

}
