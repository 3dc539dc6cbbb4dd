package dev.smsauth.sms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.smsauth.user.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one way to send a text message, for one-time codes ({@code mfa.sms.SmsCodeService}) and
 * security notices ({@code notify.NoticeSender}) alike. It offers the message to the providers of
 * the number's route ({@link SmsRoutes}) in order: a provider that fails for a reason of its own
 * (timeout, 5xx, open circuit, our account there) hands the message to the next, within the same
 * call, so one press of "Send code" needs one code and one budget slot whatever happens behind it.
 * A failure of the number itself (invalid, barred) ends the attempt: no provider would do better.
 *
 * <p>Every provider sits behind its own {@link SmsCircuitBreaker} (an outage opens only its own
 * circuit) and {@link SmsProviderMonitor} (timed, remembered for readiness). Every call leaves a row
 * in {@code sms_message} ({@link SmsMessages}), accepted or not, for receipts, statistics and cost.
 * Callers check their own budgets first; this class only delivers.
 */
@Component
public final class SmsDelivery {

	private static final Logger log = LoggerFactory.getLogger(SmsDelivery.class);

	private final SmsRoutes routes;

	private final Map<String, Provider> providers;

	private final SmsMessages messages;

	SmsDelivery(Environment environment, ObjectProvider<SmsSender> senders, SmsProviderMonitor monitor,
			SmsBreakerProperties breakerProperties, java.time.Clock clock, SmsMessages messages) {
		this.routes = SmsRoutes.bind(Binder.get(environment));
		this.messages = messages;
		// First bean per name wins, in @Order: a test double can stand in for a real provider.
		Map<String, SmsSender> byName = new LinkedHashMap<>();
		senders.orderedStream().forEach(sender -> byName.putIfAbsent(sender.providerName(), sender));
		Map<String, Provider> guarded = new LinkedHashMap<>();
		for (String name : routes.providers()) {
			SmsSender sender = byName.get(name);
			if (sender == null) {
				throw new IllegalStateException("SMS routes name provider '" + name + "', but it is not configured");
			}
			SmsCircuitBreaker breaker = new SmsCircuitBreaker(breakerProperties, clock);
			guarded.put(name, new Provider(name, sender, breaker, breaker.around(monitor.around(sender))));
		}
		this.providers = Map.copyOf(guarded);
		log.info("SMS routes: {}", routes);
	}

	/**
	 * Sends one message through the first provider of its route that accepts it.
	 * @throws SmsDeliveryException when no provider accepted it: the last failure, {@link
	 * SmsDeliveryException#isRetryable() retryable} when some provider failed only for now
	 */
	public SentSms send(SmsMessage message, SmsContext context) {
		return send(message, context, Set.of());
	}

	/**
	 * As {@link #send(SmsMessage, SmsContext)}, but skips the providers in {@code avoid}: "Send by
	 * another route" after a message that was accepted and never arrived.
	 * @throws NoRouteLeftException when every provider of the route is to be avoided
	 */
	public SentSms send(SmsMessage message, SmsContext context, Set<String> avoid) {
		List<String> route = routeFor(message.to()).stream().filter(name -> !avoid.contains(name)).toList();
		if (route.isEmpty()) {
			throw new NoRouteLeftException("no other SMS provider for " + PhoneMasking.mask(message.to()));
		}
		List<String> tried = new ArrayList<>();
		SmsDeliveryException last = null;
		boolean anyTemporary = false;
		for (String name : route) {
			Provider provider = providers.get(name);
			tried.add(name);
			try {
				SmsSubmission submission = provider.guarded().send(message);
				String id = messages.submitted(name, message, context, submission);
				if (tried.size() > 1) {
					log.info("SMS to {} accepted by {} after {} failed", PhoneMasking.mask(message.to()), name,
							tried.subList(0, tried.size() - 1));
				}
				return new SentSms(id, name, submission.providerMessageIds(), tried);
			}
			catch (SmsDeliveryException ex) {
				messages.rejected(name, message, context, ex);
				last = ex;
				anyTemporary |= ex.isRetryable();
				if (ex.kind() == SmsDeliveryException.Kind.RECIPIENT) {
					log.info("SMS to {} refused by {} because of the number: no other provider tried",
							PhoneMasking.mask(message.to()), name);
					throw ex;
				}
			}
		}
		if (tried.size() == 1) {
			throw last;
		}
		throw new SmsDeliveryException("no SMS provider accepted the message to " + PhoneMasking.mask(message.to())
				+ " (tried " + String.join(", ", tried) + ")",
				anyTemporary ? SmsDeliveryException.Kind.TEMPORARY : last.kind(), last.errorCode(), null);
	}

	/** The providers for this number, first choice first. */
	public List<String> routeFor(String e164) {
		return routes.routeFor(e164);
	}

	public SmsRoutes routes() {
		return routes;
	}

	/** The first provider of the default route: the name for metrics and logs not tied to one message. */
	public String providerName() {
		return routes.defaultRoute().get(0);
	}

	/** Every configured provider, for the readiness probe. */
	List<Provider> providers() {
		return routes.providers().stream().sorted().map(providers::get).toList();
	}

	/** A provider as configured, with its own breaker, and the guarded chain sends go through. */
	record Provider(String name, SmsSender sender, SmsCircuitBreaker breaker, SmsSender guarded) {
	}

	/** Every provider of the route has been used for this message already. */
	public static final class NoRouteLeftException extends SmsDeliveryException {

		NoRouteLeftException(String message) {
			super(message, Kind.PROVIDER, "no-route-left", null);
		}

	}

}
