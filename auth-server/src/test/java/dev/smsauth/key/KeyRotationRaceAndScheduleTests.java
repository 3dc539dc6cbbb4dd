package dev.smsauth.key;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.smsauth.client.SigningAlgorithm;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation from inside the server, as several nodes would run it: concurrent rotations leave one
 * NEXT key, and the schedule rotates exactly when the newest key is older than
 * {@code auth.keys.rotate-every}. The schedule's method is called directly, with the clock moved.
 */
@AuthServerTest
@TestPropertySource(properties = "auth.keys.rotate-every=30d")
class KeyRotationRaceAndScheduleTests {

	static final Duration ROTATE_EVERY = Duration.ofDays(30);

	@Autowired
	KeyRotation rotation;

	@Autowired
	ScheduledRotation schedule;

	@Autowired
	SigningKeyStore store;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	/** Lets any waiting key become the signer, so each test starts with no NEXT key. */
	@BeforeEach
	void finishEarlierRotations() {
		jdbc.sql("SELECT activates_at FROM signing_key WHERE status = 'NEXT'")
			.query(Timestamp.class)
			.optional()
			.ifPresent(activatesAt -> moveClockTo(activatesAt.toInstant().plusSeconds(1)));
		store.refresh();
		assertThat(nextKeys()).isEmpty();
	}

	@Test
	void whenTwoRotationsRaceThenOnlyOneNextKeyIsAdded() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 3; round++) {
				long auditsBefore = rotationAudits();
				CountDownLatch start = new CountDownLatch(1);
				List<CompletableFuture<SigningKeyInfo>> racers = List.of(
						CompletableFuture.supplyAsync(() -> rotateAfter(start), threads),
						CompletableFuture.supplyAsync(() -> rotateAfter(start), threads));
				start.countDown();
				String first = racers.get(0).get(30, TimeUnit.SECONDS).kid();
				String second = racers.get(1).get(30, TimeUnit.SECONDS).kid();

				assertThat(nextKeys()).as("round %d", round).containsExactly(first);
				assertThat(second).as("both callers are told the same key").isEqualTo(first);
				assertThat(rotationAudits()).isEqualTo(auditsBefore + 1);
				finishEarlierRotations();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void whenTheNewestKeyIsYoungerThanRotateEveryThenTheScheduleAddsNoKey() {
		moveClockTo(newestCreatedAt().plus(ROTATE_EVERY).minusSeconds(1));

		schedule.rotateIfDue();

		assertThat(nextKeys()).isEmpty();
	}

	@Test
	void whenTheNewestKeyIsOlderThanRotateEveryThenTheScheduleAddsOneKeyAndNoSecondWhileItWaits() {
		Instant newestBefore = newestCreatedAt();
		moveClockTo(newestBefore.plus(ROTATE_EVERY).plusSeconds(1));
		long auditsBefore = rotationAudits();

		schedule.rotateIfDue();

		List<String> waiting = nextKeys();
		assertThat(waiting).hasSize(1);
		assertThat(store.verificationKeys()).as("published at once").anyMatch(key -> key.getKeyID().equals(waiting.get(0)));
		assertThat(store.signingKey().getKeyID()).as("not signing yet").isNotEqualTo(waiting.get(0));
		assertThat(jdbc.sql("SELECT actor_type FROM audit_event WHERE event = 'KEY_ROTATED' ORDER BY id DESC")
			.query(String.class)
			.list()
			.get(0)).as("scheduled work is the server's own").isEqualTo("SYSTEM");

		clock.advance(Duration.ofMinutes(5));
		schedule.rotateIfDue();

		assertThat(nextKeys()).isEqualTo(waiting);
		assertThat(rotationAudits()).isEqualTo(auditsBefore + 1);
	}

	private SigningKeyInfo rotateAfter(CountDownLatch start) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return rotation.rotate(SigningAlgorithm.RS256);
	}

	private List<String> nextKeys() {
		return jdbc.sql("SELECT kid FROM signing_key WHERE status = 'NEXT'").query(String.class).list();
	}

	private Instant newestCreatedAt() {
		return jdbc.sql("SELECT MAX(created_at) FROM signing_key").query(Timestamp.class).single().toInstant();
	}

	private long rotationAudits() {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = 'KEY_ROTATED'").query(Long.class).single();
	}

	private void moveClockTo(Instant target) {
		Duration ahead = Duration.between(clock.instant(), target);
		if (!ahead.isNegative()) {
			clock.advance(ahead);
		}
	}

}
