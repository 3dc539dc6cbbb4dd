package dev.smsauth.key;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Signing keys live in table {@code signing_key}, shared by every node; this class keeps a snapshot
 * of them in memory (nothing is read or decrypted per request) and re-reads the table every
 * {@code auth.keys.refresh-every}.
 * <p>
 * The lifecycle advances lazily in that refresh ({@link KeyLifecycle}), on whichever node
 * refreshes first. A node that has not refreshed yet keeps signing with the previous key for at
 * most one refresh period, which is why both stay published and retirement counts that period in.
 */
@Component
public class SigningKeyStore {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);

	private static final Comparator<StoredKey> NEWEST_FIRST = Comparator.comparing(StoredKey::createdAt)
		.reversed()
		.thenComparing(StoredKey::kid);

	private final SigningKeyRepository keys;

	private final KeyEncryption encryption;

	private final SigningKeyProperties properties;

	private final KeyLifecycle lifecycle;

	private final Clock clock;

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

	private final ReentrantLock refreshing = new ReentrantLock();

	/**
	 * Parsed keys by stored text (unique per row: a random nonce), so a refresh decrypts only new
	 * rows. Read and replaced only while holding {@link #refreshing}.
	 */
	private Map<String, JWK> parsed = Map.of();

	SigningKeyStore(SigningKeyRepository keys, KeyEncryption encryption, SigningKeyProperties properties,
			KeyLifecycle lifecycle, Clock clock) {
		this.keys = keys;
		this.encryption = encryption;
		this.properties = properties;
		this.lifecycle = lifecycle;
		this.clock = clock;
	}

	/** Every key that may have signed a live token or is about to sign, newest first (the JWKS). */
	public List<JWK> verificationKeys() {
		return current().published();
	}

	/**
	 * The one key that signs new tokens: the newest ACTIVE key. Exactly one, because the JWT
	 * encoder refuses to choose between several keys of the same algorithm.
	 */
	public JWK signingKey() {
		return current().signer();
	}

	/** Re-reads the table now, after applying due promotions and removals. */
	void refresh() {
		refreshing.lock();
		try {
			snapshot.set(load(clock.instant()));
		}
		finally {
			refreshing.unlock();
		}
	}

	private Snapshot current() {
		Snapshot s = snapshot.get();
		if (s != null && s.isFreshAt(clock.instant(), properties.refreshEvery())) {
			return s;
		}
		// One thread refreshes; the others go on with the previous snapshot meanwhile.
		if (s != null && !refreshing.tryLock()) {
			return s;
		}
		if (s == null) {
			refreshing.lock();
		}
		try {
			s = snapshot.get();
			Instant now = clock.instant();
			if (s == null || !s.isFreshAt(now, properties.refreshEvery())) {
				s = load(now);
				snapshot.set(s);
			}
			return s;
		}
		finally {
			refreshing.unlock();
		}
	}

	private Snapshot load(Instant now) {
		List<StoredKey> rows = keys.findAll();
		if (lifecycle.advance(rows, now)) {
			rows = keys.findAll();
		}
		if (rows.stream().noneMatch(row -> row.status() == KeyStatus.ACTIVE)) {
			RSAKey first = generate();
			keys.insertActive(first.getKeyID(), first.getAlgorithm().getName(),
					encryption.seal(first.getKeyID(), first.toJSONString()), now);
			log.info("Created signing key {}", first.getKeyID());
			rows = keys.findAll();
		}
		Map<String, JWK> nowParsed = new HashMap<>();
		List<JWK> published = rows.stream()
			.filter(row -> !KeyLifecycle.isExpired(row, now))
			.sorted(NEWEST_FIRST)
			.map(row -> nowParsed.computeIfAbsent(row.text(), text -> parsed.containsKey(text) ? parsed.get(text) : parse(row)))
			.toList();
		JWK signer = rows.stream()
			.filter(row -> row.status() == KeyStatus.ACTIVE)
			.min(NEWEST_FIRST)
			.map(row -> nowParsed.get(row.text()))
			.orElseThrow();
		parsed = nowParsed;
		return new Snapshot(published, signer, now);
	}

	private JWK parse(StoredKey row) {
		String json = KeyEncryption.isSealed(row.text()) ? encryption.open(row.kid(), row.text()) : row.text();
		JWK jwk;
		try {
			jwk = RSAKey.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("signing key " + row.kid() + " could not be read");
		}
		if (!row.kid().equals(jwk.getKeyID())) {
			throw new IllegalStateException("signing key " + row.kid() + " holds a key with another kid");
		}
		return jwk;
	}

	static RSAKey generate() {
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

	private record Snapshot(List<JWK> published, JWK signer, Instant loadedAt) {

		/** Also stale when the clock went back (NTP step, or a test resetting its clock). */
		boolean isFreshAt(Instant now, Duration refreshEvery) {
			return !now.isBefore(loadedAt) && now.isBefore(loadedAt.plus(refreshEvery));
		}

	}

}
