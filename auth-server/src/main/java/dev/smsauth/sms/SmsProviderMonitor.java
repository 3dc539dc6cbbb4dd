package dev.smsauth.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What this node has seen of each SMS provider lately: the outcome of its last {@value #WINDOW}
 * sends, and how long each send took (timer {@code smsauth.sms.send.latency}). The readiness probe
 * reads it ({@link SmsProviderHealthIndicator}) instead of calling the provider, because a real
 * check would send a message or cost money.
 *
 * <p>In memory and per node on purpose: it says what this node experiences, needs no table, and
 * starts clean on restart. Results are failure kinds only, never a number or a text.
 */
@Component
class SmsProviderMonitor {

	/** This many failed sends in a row, and no success in between, make the provider "failing". */
	static final int WINDOW = 5;

	/**
	 * Failures this old no longer count. A node that readiness took out of rotation receives no
	 * sign-ins and so sends nothing: without this it could never prove the provider is back.
	 */
	static final Duration FORGET_AFTER = Duration.ofMinutes(5);

	private final Map<String, Deque<Result>> recentByProvider = new HashMap<>();

	private final MeterRegistry registry;

	private final Clock clock;

	SmsProviderMonitor(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	/** The sender, timed and watched. */
	SmsSender around(SmsSender sender) {
		return new MonitoredSmsSender(sender);
	}

	/** The provider as this node sees it now. */
	synchronized State state(String provider) {
		Deque<Result> recent = recentByProvider.getOrDefault(provider, new ArrayDeque<>());
		int failures = (int) recent.stream().filter(Result::failed).count();
		Result newest = recent.peekLast();
		boolean failing = recent.size() == WINDOW && failures == WINDOW
				&& newest.at().isAfter(clock.instant().minus(FORGET_AFTER));
		String lastFailure = recent.stream().filter(Result::failed).reduce((a, b) -> b).map(Result::failure).orElse(null);
		return new State(failing, recent.size(), failures, lastFailure);
	}

	private synchronized void record(String provider, Result result) {
		Deque<Result> recent = recentByProvider.computeIfAbsent(provider, name -> new ArrayDeque<>(WINDOW));
		if (recent.size() == WINDOW) {
			recent.removeFirst();
		}
		recent.addLast(result);
	}

	/**
	 * @param failing the last {@value #WINDOW} sends all failed, the newest of them recently
	 * @param recentSends how many results are remembered (at most {@value #WINDOW})
	 * @param recentFailures how many of them failed
	 * @param lastFailure the kind of the newest failure ({@code temporary}, {@code permanent} or
	 * {@code error}), or null
	 */
	record State(boolean failing, int recentSends, int recentFailures, String lastFailure) {
	}

	/** One send: when it ended and, if it failed, the kind of failure. */
	private record Result(Instant at, String failure) {

		boolean failed() {
			return failure != null;
		}

	}

	private final class MonitoredSmsSender implements SmsSender {

		private final SmsSender delegate;

		MonitoredSmsSender(SmsSender delegate) {
			this.delegate = delegate;
		}

		@Override
		public SmsSubmission send(SmsMessage message) {
			Timer.Sample sample = Timer.start(registry);
			String failure = null;
			try {
				return delegate.send(message);
			}
			catch (SmsDeliveryException ex) {
				// The kind only: the exception's message names the (masked) number and provider details.
				failure = ex.isRetryable() ? "temporary" : "permanent";
				throw ex;
			}
			catch (RuntimeException ex) {
				failure = "error";
				throw ex;
			}
			finally {
				sample.stop(Timer.builder("smsauth.sms.send.latency")
					.description("Time the SMS provider took to accept or refuse a message")
					.tag("provider", delegate.providerName())
					.tag("outcome", failure == null ? "sent" : "failed")
					.register(registry));
				record(delegate.providerName(), new Result(clock.instant(), failure));
			}
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
