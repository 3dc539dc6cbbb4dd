package dev.smsauth.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a failing SMS provider from tying up this node's request threads; one per provider, so
 * an outage of one opens only its own circuit and {@link SmsDelivery} goes on to the next. Closed: every send
 * reaches the provider, and {@code failureThreshold} retryable failures in a row open the circuit.
 * Open: sends fail at once with a retryable {@link SmsSendRejectedException} until the cool-off
 * has passed (by the injected clock). Half-open: one trial call; success closes, failure re-opens.
 *
 * <p>A non-retryable failure (invalid number, bad credentials) means the provider answered, so it
 * counts as an answer, not as an outage: it ends a run of failures like a success does.
 *
 * <p>Per node and in memory on purpose: it protects this node's threads, and a node that restarts
 * may as well try the provider again. Independently of the state, at most
 * {@code maxConcurrentSends} calls are in flight, so even before the circuit opens a hanging
 * provider holds few threads (each for at most the provider's timeout).
 */
final class SmsCircuitBreaker {

	private static final Logger log = LoggerFactory.getLogger(SmsCircuitBreaker.class);

	enum State {
		CLOSED, OPEN, HALF_OPEN
	}

	private final SmsBreakerProperties properties;

	private final Clock clock;

	private final Semaphore inFlight;

	private State state = State.CLOSED;

	private int failuresInARow;

	private Instant openedAt;

	private boolean trialInFlight;

	SmsCircuitBreaker(SmsBreakerProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.inFlight = new Semaphore(properties.maxConcurrentSends());
	}

	/** The sender behind this breaker, or the sender itself when the breaker is switched off. */
	SmsSender around(SmsSender sender) {
		return properties.enabled() ? new GuardedSmsSender(sender) : sender;
	}

	/** The state as a health detail would show it: {@code closed}, {@code open} or {@code half_open}. */
	synchronized String describe() {
		return current().name().toLowerCase(Locale.ROOT);
	}

	synchronized State current() {
		if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(properties.coolOff()))) {
			state = State.HALF_OPEN;
		}
		return state;
	}

	/** Whether this call may go to the provider; in half-open only the one trial may. */
	private synchronized boolean permit() {
		return switch (current()) {
			case CLOSED -> true;
			case OPEN -> false;
			case HALF_OPEN -> {
				if (trialInFlight) {
					yield false;
				}
				trialInFlight = true;
				yield true;
			}
		};
	}

	private synchronized void answered() {
		if (state != State.CLOSED) {
			log.info("SMS provider answered again: circuit closed");
		}
		state = State.CLOSED;
		failuresInARow = 0;
		trialInFlight = false;
	}

	private synchronized void failed() {
		failuresInARow++;
		boolean trial = state == State.HALF_OPEN;
		trialInFlight = false;
		if (trial || (state == State.CLOSED && failuresInARow >= properties.failureThreshold())) {
			state = State.OPEN;
			openedAt = clock.instant();
			log.warn("SMS provider failed {} times in a row: circuit open for {}", failuresInARow, properties.coolOff());
		}
	}

	private final class GuardedSmsSender implements SmsSender {

		private final SmsSender delegate;

		GuardedSmsSender(SmsSender delegate) {
			this.delegate = delegate;
		}

		@Override
		public SmsSubmission send(SmsMessage message) {
			if (!inFlight.tryAcquire()) {
				throw new SmsSendRejectedException("SMS not sent via " + delegate.providerName() + ": "
						+ properties.maxConcurrentSends() + " provider calls already in flight on this node");
			}
			try {
				if (!permit()) {
					throw new SmsSendRejectedException("SMS not sent: the circuit to " + delegate.providerName() + " is open");
				}
				return call(message);
			}
			finally {
				inFlight.release();
			}
		}

		private SmsSubmission call(SmsMessage message) {
			SmsSubmission submission;
			try {
				submission = delegate.send(message);
			}
			catch (SmsDeliveryException ex) {
				if (ex.isRetryable()) {
					failed();
				}
				else {
					answered();
				}
				throw ex;
			}
			catch (RuntimeException | Error ex) {
				failed();
				throw ex;
			}
			answered();
			return submission;
		}

		@Override
		public String providerName() {
			return delegate.providerName();
		}

		@Override
		public void probe() {
			delegate.probe();
		}

	}

}
