package dev.smsauth.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.jwk.JWK;
import dev.smsauth.client.SigningAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing keys live in table {@code signing_key}, shared by every node, with keys of each signing
 * algorithm ({@link SigningAlgorithm}) in the same lifecycle; this class keeps a snapshot
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

	private final TransactionTemplate ownTransaction;

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

	private final ReentrantLock refreshing = new ReentrantLock();

	static final Duration UNKNOWN_KID_REREAD_SPACING = Duration.ofSeconds(5);

	private final AtomicReference<Instant> lastUnknownKidReread = new AtomicReference<>();

	/**
	 * Parsed keys by stored text (unique per row: a random nonce), so a refresh decrypts only new
	 * rows. Read and replaced only while holding {@link #refreshing}.
	 */
	private Map<String, JWK> parsed = Map.of();

	SigningKeyStore(SigningKeyRepository keys, KeyEncryption encryption, SigningKeyProperties properties,
			KeyLifecycle lifecycle, Clock clock, PlatformTransactionManager transactions) {
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
	 * As {@link #verificationKeys()}, but when no published key has {@code kid}, the table is read
	 * again first, at most once per {@link #UNKNOWN_KID_REREAD_SPACING}: another node may just have
	 * made the first key of an algorithm (its NEXT keys are published a refresh period ahead, first
	 * keys are not), and a token it signed must verify here at once. The spacing keeps made-up kids
	 * from turning every request into a database read.
	 */
	public List<JWK> verificationKeys(String kid) {
		List<JWK> published = current().published();
		if (kid == null || published.stream().anyMatch(key -> kid.equals(key.getKeyID()))) {
			return published;
		}
		Instant now = clock.instant();
		Instant last = lastUnknownKidReread.get();
		if ((last == null || !now.isBefore(last.plus(UNKNOWN_KID_REREAD_SPACING)))
				&& lastUnknownKidReread.compareAndSet(last, now)) {
			refresh();
		}
		return current().published();
	}

	/** The key that signs new RS256 tokens. */
	public JWK signingKey() {
		return signingKey(SigningAlgorithm.DEFAULT);
	}

	/**
	 * The one key that signs new tokens of {@code algorithm}: its newest ACTIVE key. Exactly one per
	 * algorithm, because the JWT encoder refuses to choose between several keys of one algorithm.
	 * The first time an algorithm signs at all, its first key is made here (see {@link #firstKey}).
	 */
	public JWK signingKey(SigningAlgorithm algorithm) {
		JWK signer = current().signers().get(algorithm);
		return signer != null ? signer : firstKey(algorithm);
	}

	/** The ACTIVE key of every algorithm that has one: what the JWT encoder chooses from. */
	public List<JWK> signingKeys() {
		return List.copyOf(current().signers().values());
	}

	/** Re-reads the table now, after applying due promotions and removals. */
	void refresh() {
		refreshing.lock();
		try {
			snapshot.set(load(clock.instant(), Set.of()));
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
				s = load(now, Set.of());
				snapshot.set(s);
			}
			return s;
		}
		finally {
			refreshing.unlock();
		}
	}

	/**
	 * An algorithm no key signed with yet (an application chose it after the start): the table is
	 * read again first, since another thread or node may just have made the key, and only then is
	 * one made. This happens once per algorithm, not per request: from then on the key is in every
	 * snapshot. Two nodes doing it at once can not both succeed (see {@link #createFirst}).
	 */
	private JWK firstKey(SigningAlgorithm algorithm) {
		refreshing.lock();
		try {
			Snapshot s = load(clock.instant(), Set.of(algorithm));
			snapshot.set(s);
			JWK signer = s.signers().get(algorithm);
			if (signer == null) {
				throw new IllegalStateException("no " + algorithm.value() + " signing key could be made");
			}
			return signer;
		}
		finally {
			refreshing.unlock();
		}
	}

	private Snapshot load(Instant now, Set<SigningAlgorithm> alsoWanted) {
		List<StoredKey> rows = keys.findAll();
		if (lifecycle.advance(rows, now)) {
			rows = keys.findAll();
		}
		Set<SigningAlgorithm> wanted = EnumSet.copyOf(properties.algorithms());
		wanted.addAll(alsoWanted);
		boolean created = false;
		for (SigningAlgorithm algorithm : wanted) {
			if (rows.stream().noneMatch(row -> row.status() == KeyStatus.ACTIVE && row.algorithm().equals(algorithm.value()))) {
				createFirst(algorithm, now);
				created = true;
			}
		}
		if (created) {
			rows = keys.findAll();
		}
		Map<String, JWK> nowParsed = new HashMap<>();
		List<JWK> published = rows.stream()
			.filter(row -> !KeyLifecycle.isExpired(row, now))
			.sorted(NEWEST_FIRST)
			.map(row -> nowParsed.computeIfAbsent(row.text(), text -> parsed.containsKey(text) ? parsed.get(text) : parse(row)))
			.toList();
		Map<SigningAlgorithm, JWK> signers = new EnumMap<>(SigningAlgorithm.class);
		rows.stream()
			.filter(row -> row.status() == KeyStatus.ACTIVE)
			.sorted(NEWEST_FIRST)
			.forEach(row -> SigningAlgorithm.of(row.algorithm())
				.ifPresent(algorithm -> signers.putIfAbsent(algorithm, nowParsed.get(row.text()))));
		parsed = nowParsed;
		return new Snapshot(published, Collections.unmodifiableMap(signers), now);
	}

	/**
	 * The first key of an algorithm, ACTIVE at once. The table's unique ACTIVE marker per algorithm
	 * (V16) lets only one of several nodes (or threads) insert it; the others take that one. In a
	 * transaction of its own, so a caller's transaction can neither hide it from other nodes until
	 * it commits nor be spoilt by the refused insert.
	 */
	private void createFirst(SigningAlgorithm algorithm, Instant now) {
		JWK first = KeyPairs.generate(algorithm);
		try {
			ownTransaction.executeWithoutResult(status -> keys.insertActive(first.getKeyID(), algorithm.value(),
					encryption.seal(first.getKeyID(), first.toJSONString()), now));
			log.info("Created {} signing key {}", algorithm.value(), first.getKeyID());
		}
		catch (DuplicateKeyException ex) {
			log.debug("Another node created the first {} signing key", algorithm.value());
		}
	}

	private JWK parse(StoredKey row) {
		String json = KeyEncryption.isSealed(row.text()) ? encryption.open(row.kid(), row.text()) : row.text();
		return KeyPairs.parse(row.kid(), json);
	}

	private record Snapshot(List<JWK> published, Map<SigningAlgorithm, JWK> signers, Instant loadedAt) {

		/** Also stale when the clock went back (NTP step, or a test resetting its clock). */
		boolean isFreshAt(Instant now, Duration refreshEvery) {
			return !now.isBefore(loadedAt) && now.isBefore(loadedAt.plus(refreshEvery));
		}

	}

}
