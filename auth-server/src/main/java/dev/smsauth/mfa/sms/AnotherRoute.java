package dev.smsauth.mfa.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.smsauth.mfa.SignInPolicy;
import dev.smsauth.sms.SmsDelivery;
import dev.smsauth.sms.SmsMessageRecord;
import dev.smsauth.sms.SmsMessageStatus;
import dev.smsauth.sms.SmsMessages;
import dev.smsauth.user.AuthenticatorApps;
import dev.smsauth.user.UserAccount;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Decides whether the SMS step may offer "Send by another route": the one place for the rule, used
 * by the page, its status answer and the POST alike (the server never trusts a hidden button).
 *
 * <p>Offered when the message that carried this sign-in's current code was accepted by a provider
 * and no receipt said delivered within {@code auth.sms.another-route-after}, or a receipt said
 * failed or expired; and the number's route has a provider that carried none of this sign-in's
 * codes. The new code then goes to the route with those providers avoided, so it takes another way
 * rather than the one that already swallowed a message.
 */
@Component
@EnableConfigurationProperties(AnotherRouteProperties.class)
class AnotherRoute {

	private final SmsMessages messages;

	private final SmsDelivery delivery;

	private final SmsChallengeRepository challenges;

	private final AnotherRouteProperties properties;

	private final Clock clock;

	private final AuthenticatorApps authenticatorApps;

	AnotherRoute(SmsMessages messages, SmsDelivery delivery, SmsChallengeRepository challenges,
			AnotherRouteProperties properties, Clock clock, AuthenticatorApps authenticatorApps) {
		this.authenticatorApps = authenticatorApps;
		this.messages = messages;
		this.delivery = delivery;
		this.challenges = challenges;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * What the step may offer now for {@code state}, the SMS step of {@code user}'s sign-in, with
	 * {@code pending} the waiting application's policy (null when none).
	 */
	Offer offer(SmsStepState state, UserAccount user, SignInPolicy pending) {
		if (state == null || !mayGoAgain(state, user, pending)) {
			return Offer.NONE;
		}
		Optional<SmsChallenge> challenge = challenges.findById(state.challengeId());
		if (challenge.isEmpty() || !challenge.get().userId().equals(user.id())
				|| challenge.get().status() != SmsChallenge.Status.PENDING) {
			// Verified, used up, or replaced by a newer code (another tab): nothing to reroute.
			return Offer.NONE;
		}
		Optional<SmsMessageRecord> carrier = messages.forChallenge(state.challengeId())
			.stream()
			.filter(message -> message.status() != SmsMessageStatus.REJECTED)
			.reduce((first, second) -> second);
		if (carrier.isEmpty() || carrier.get().status() == SmsMessageStatus.DELIVERED) {
			return Offer.NONE;
		}
		Set<String> used = usedProviders(state.challengeIds());
		List<String> left = delivery.routeFor(state.phoneNumber()).stream().filter(name -> !used.contains(name)).toList();
		if (left.isEmpty()) {
			return Offer.NONE;
		}
		if (carrier.get().status() == SmsMessageStatus.SUBMITTED) {
			Instant from = carrier.get().createdAt().plus(properties.anotherRouteAfter());
			// To the millisecond: the database may round the stored time up by a fraction of a
			// microsecond, which must not turn "30 seconds" into "31".
			Duration wait = Duration.between(clock.instant(), from).truncatedTo(ChronoUnit.MILLIS);
			if (!wait.isNegative() && !wait.isZero()) {
				return new Offer(Kind.WAITING, wait, Set.copyOf(used));
			}
		}
		// Failed or expired by a receipt, or no receipt in time.
		return new Offer(Kind.AVAILABLE, Duration.ZERO, Set.copyOf(used));
	}

	/**
	 * The step's code may go out again to the same number: a sign-in code only to the number still
	 * on the account (an administrator may have changed it since); an enrollment code only while
	 * the account has no number, enrollment is allowed and no authenticator app is set up (as for
	 * "Send code").
	 */
	private boolean mayGoAgain(SmsStepState state, UserAccount user, SignInPolicy pending) {
		return switch (state.purpose()) {
			case SIGN_IN -> state.phoneNumber().equals(user.phoneNumber());
			case ENROLL -> !user.hasPhoneNumber() && !authenticatorApps.isSetUp(user.id())
					&& SmsStepController.enrollmentAllowed(user, pending);
			case CHANGE -> false;
		};
	}

	/** The providers that accepted a message of these codes (a provider that refused one may try again). */
	private Set<String> usedProviders(List<String> challengeIds) {
		Set<String> used = new LinkedHashSet<>();
		for (String id : challengeIds) {
			messages.forChallenge(id)
				.stream()
				.filter(message -> message.status() != SmsMessageStatus.REJECTED)
				.forEach(message -> used.add(message.provider()));
		}
		return used;
	}

	enum Kind {

		/** Nothing to offer: no code, delivered, or no provider left. */
		NONE,
		/** Accepted and not delivered yet; offered after {@link Offer#waitLeft()} unless a receipt says delivered. */
		WAITING,
		/** The button is shown and a press is taken. */
		AVAILABLE

	}

	/**
	 * @param waitLeft how long until {@link Kind#WAITING} becomes available
	 * @param avoid the providers a new code must not go through
	 */
	record Offer(Kind kind, Duration waitLeft, Set<String> avoid) {

		static final Offer NONE = new Offer(Kind.NONE, Duration.ZERO, Set.of());

		boolean available() {
			return kind == Kind.AVAILABLE;
		}

	}

}
