package dev.smsauth.key;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing keys live in table {@code signing_key}: generated once, then reused by every node and
 * every restart, so tokens signed before a restart still verify after it. The keys are read into
 * memory and refreshed every few minutes (cheap, and lets other nodes' keys appear); nothing is
 * generated per request.
 */
@Component
public class SigningKeyStore {

	private static final Duration REFRESH_EVERY = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

	SigningKeyStore(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	/** Every key that may have signed a live token, newest first (published in the JWKS). */
	public List<JWK> verificationKeys() {
		return current().keys();
	}

	/**
	 * The one key that signs new tokens: the newest active key. Exactly one, because the JWT
	 * encoder refuses to choose between several keys of the same algorithm.
	 */
	public JWK signingKey() {
		return current().keys().get(0);
	}

	private Snapshot current() {
		Snapshot s = snapshot.get();
		Instant now = clock.instant();
		if (s == null || s.loadedAt().plus(REFRESH_EVERY).isBefore(now)) {
			s = new Snapshot(loadOrCreate(), now);
			snapshot.set(s);
		}
		return s;
	}

	private List<JWK> loadOrCreate() {
		List<JWK> keys = load();
		if (keys.isEmpty()) {
			insert(generate());
			keys = load();
		}
		return keys;
	}

	private List<JWK> load() {
		return jdbc.sql("SELECT jwk, created_at FROM signing_key WHERE status = 'ACTIVE'")
			.query((rs, row) -> new Stored(parse(rs.getString("jwk")), rs.getTimestamp("created_at").toInstant()))
			.list()
			.stream()
			.sorted(Comparator.comparing(Stored::createdAt).reversed().thenComparing(s -> s.jwk().getKeyID()))
			.map(Stored::jwk)
			.toList();
	}

	private void insert(JWK jwk) {
		tx.executeWithoutResult(status -> jdbc
			.sql("INSERT INTO signing_key (kid, algorithm, jwk, status, created_at) VALUES (:kid, :alg, :jwk, 'ACTIVE', :created)")
			.param("kid", jwk.getKeyID())
			.param("alg", jwk.getAlgorithm().getName())
			.param("jwk", jwk.toJSONString())
			.param("created", Timestamp.from(clock.instant()))
			.update());
	}

	private static JWK generate() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.algorithm(JWSAlgorithm.RS256)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("could not generate an RSA signing key", ex);
		}
	}

	private static JWK parse(String json) {
		try {
			return RSAKey.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("a stored signing key could not be read", ex);
		}
	}

	private record Stored(JWK jwk, Instant createdAt) {
	}

	private record Snapshot(List<JWK> keys, Instant loadedAt) {
	}

}
