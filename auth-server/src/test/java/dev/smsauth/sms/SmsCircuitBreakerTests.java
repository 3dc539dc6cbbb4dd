package dev.smsauth.sms;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smsauth.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The breaker's states, driven by a fake provider and a clock moved by hand. */
class SmsCircuitBreakerTests {

	static final SmsMessage MESSAGE = new SmsMessage("+14155550100", "Your code is 123456");

	final MutableClock clock = new MutableClock();

	final FakeProvider provider = new FakeProvider();

	final SmsCircuitBreaker breaker = new SmsCircuitBreaker(new SmsBreakerProperties(true, 5, Duration.ofSeconds(30), 20),
			clock);

	final SmsSender sender = breaker.around(provider);

	@Test
	void whenFiveRetryableFailuresInARowThenTheSixthFailsFastWithoutCallingTheProvider() {
		provider.failure = new SmsDeliveryException("down", true);
		for (int i = 0; i < 4; i++) {
			assertThatThrownBy(() -> sender.send(MESSAGE)).isSameAs(provider.failure);
		}
		assertThat(breaker.current()).isEqualTo(SmsCircuitBreaker.State.CLOSED);
		assertThatThrownBy(() -> sender.send(MESSAGE)).isSameAs(provider.failure);
		assertThat(breaker.current()).isEqualTo(SmsCircuitBreaker.State.OPEN);

		assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOf(SmsSendRejectedException.class)
			.matches(ex -> ((SmsDeliveryException) ex).isRetryable());
		assertThat(provider.calls.get()).isEqualTo(5);
	}

	@Test
	void whenCoolOffPassedThenOneTrialAndSuccessCloses() {
		open();
		clock.advance(Duration.ofSeconds(29));
		assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOf(SmsSendRejectedException.class);
		clock.advance(Duration.ofSeconds(1));
		assertThat(breaker.current()).isEqualTo(SmsCircuitBreaker.State.HALF_OPEN);
		provider.failure = null;

		sender.send(MESSAGE);

		assertThat(breaker.current()).isEqualTo(SmsCircuitBreaker.State.CLOSED);
		assertThat(provider.calls.get()).isEqualTo(6);
	}

	@Test
	void whenTrialFailsThenOpenAgainForAnotherCoolOff() {
		open();
		clock.advance(Duration.ofSeconds(30));

		assertThatThrownBy(() -> sender.send(MESSAGE)).isSameAs(provider.failure);

		assertThat(breaker.current()).isEqualTo(SmsCircuitBreaker.State.OPEN);
		clock.advance(Duration.ofSeconds(29));
		assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOf(SmsSendRejectedException.class);
		assertThat(provider.calls.get()).isEqualTo(6);
	}

	@Test
	void whenHalfOpenThenOnlyOneTrialAtATime() throws Exception {
		open();
		clock.advance(Duration.ofSeconds(30));
		provider.failure = null;
		provider.blockCalls();
		Thread trial = new Thread(() -> sender.send(MESSAGE));
		trial.start();
		provider.entered.await(5, TimeUnit.SECONDS);

		assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOf(SmsSendRejectedException.class);

		provider.block.countDown();
		trial.join(5000);
		assertThat(breaker.current()).isEqualTo(SmsCircuitBreaker.State.CLOSED);
		assertThat(provider.calls.get()).isEqualTo(6);
	}

	@Test
	void whenTheNumberIsRefusedThenItDoesNotCountAsAnOutage() {
		for (int i = 0; i < 4; i++) {
			provider.failure = new SmsDeliveryException("down", true);
			assertThatThrownBy(() -> sender.send(MESSAGE)).isSameAs(provider.failure);
		}
		provider.failure = new SmsDeliveryException("invalid number", false);
		for (int i = 0; i < 10; i++) {
			assertThatThrownBy(() -> sender.send(MESSAGE)).isSameAs(provider.failure);
		}
		provider.failure = new SmsDeliveryException("down", true);
		assertThatThrownBy(() -> sender.send(MESSAGE)).isSameAs(provider.failure);

		assertThat(breaker.current()).isEqualTo(SmsCircuitBreaker.State.CLOSED);
	}

	@Test
	void whenAsManyCallsInFlightAsAllowedThenTheNextFailsFast() throws Exception {
		SmsCircuitBreaker narrow = new SmsCircuitBreaker(new SmsBreakerProperties(true, 5, Duration.ofSeconds(30), 1),
				clock);
		SmsSender guarded = narrow.around(provider);
		provider.blockCalls();
		Thread slow = new Thread(() -> guarded.send(MESSAGE));
		slow.start();
		provider.entered.await(5, TimeUnit.SECONDS);

		assertThatThrownBy(() -> guarded.send(MESSAGE)).isInstanceOf(SmsSendRejectedException.class);

		provider.block.countDown();
		slow.join(5000);
		guarded.send(MESSAGE);
		assertThat(provider.calls.get()).isEqualTo(2);
	}

	@Test
	void whenDisabledThenTheProviderIsCalledEveryTime() {
		SmsSender plain = new SmsCircuitBreaker(new SmsBreakerProperties(false, 5, Duration.ofSeconds(30), 20), clock)
			.around(provider);
		provider.failure = new SmsDeliveryException("down", true);
		for (int i = 0; i < 10; i++) {
			assertThatThrownBy(() -> plain.send(MESSAGE)).isSameAs(provider.failure);
		}
		assertThat(provider.calls.get()).isEqualTo(10);
	}

	private void open() {
		provider.failure = new SmsDeliveryException("down", true);
		for (int i = 0; i < 5; i++) {
			assertThatThrownBy(() -> sender.send(MESSAGE)).isSameAs(provider.failure);
		}
		assertThat(breaker.current()).isEqualTo(SmsCircuitBreaker.State.OPEN);
	}

	/** Counts calls; fails with {@link #failure} when set; waits on {@link #block} when set. */
	static final class FakeProvider implements SmsSender {

		final AtomicInteger calls = new AtomicInteger();

		volatile SmsDeliveryException failure;

		volatile CountDownLatch block;

		volatile CountDownLatch entered = new CountDownLatch(1);

		/** The next calls wait until the returned latch is released; {@link #entered} opens when one is waiting. */
		CountDownLatch blockCalls() {
			entered = new CountDownLatch(1);
			block = new CountDownLatch(1);
			return block;
		}

		@Override
		public SmsSubmission send(SmsMessage message) {
			calls.incrementAndGet();
			entered.countDown();
			CountDownLatch latch = block;
			if (latch != null) {
				try {
					latch.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			SmsDeliveryException current = failure;
			if (current != null) {
				throw current;
			}
			return SmsSubmission.accepted("fake-" + calls.get());
		}

		@Override
		public String providerName() {
			return "fake";
		}

	}

}
