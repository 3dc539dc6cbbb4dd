package dev.smsauth.mfa.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import dev.smsauth.audit.PendingAuthorization;
import dev.smsauth.limits.RateLimiter;
import dev.smsauth.mfa.SecondFactorFailures;
import dev.smsauth.sms.SmsDelivery;
import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.sms.SentSms;
import dev.smsauth.sms.SmsContext;
import dev.smsauth.sms.SmsMessage;
import dev.smsauth.sms.SmsMessages;
import dev.smsauth.sms.SmsSendRejectedException;
import dev.smsauth.user.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Issues and checks SMS one-time codes. Every rule of ../shared/SECURITY.md "SMS one-time codes"
 * that concerns a code lives here: CSPRNG codes, keyed hashes, lifetime, single use, binding to
 * one user and one challenge, tries per code, failures per account per hour, resend cooldown and
 * hourly cap. The code never leaves this class except inside the message handed to {@link SmsDelivery}.
 */
@Service
public class SmsCodeService {

	private static final Logger log = LoggerFactory.getLogger(SmsCodeService.class);

	private final SmsChallengeRepository challenges;

	private final OneTimeCodes codes;

	private final SmsDelivery delivery;

	private final SmsProperties properties;

	private final MessageSource messages;

	private final Clock clock;

	private final AuditLog audit;

	private final SmsMetrics metrics;

	private final SmsSendPolicy policy;

	private final ApplicationEventPublisher events;

	private final SecondFactorFailures otherFailures;

	private final RateLimiter limiter;

	private final SmsMessages sentMessages;

	SmsCodeService(SmsChallengeRepository challenges, OneTimeCodes codes, SmsDelivery delivery,
			SmsProperties properties, MessageSource messages, Clock clock, AuditLog audit, SmsMetrics metrics,
			SmsSendPolicy policy, ApplicationEventPublisher events, SecondFactorFailures otherFailures,
			RateLimiter limiter, SmsMessages sentMessages) {
		this.challenges = challenges;
		this.codes = codes;
		this.delivery = delivery;
		this.properties = properties;
		this.messages = messages;
		this.clock = clock;
		this.audit = audit;
		this.metrics = metrics;
		this.policy = policy;
		this.events = events;
		this.otherFailures = otherFailures;
		this.limiter = limiter;
		this.sentMessages = sentMessages;
	}

	SendOutcome send(String userId, String phoneNumber, SmsChallenge.Purpose purpose, Locale locale) {
		return send(userId, phoneNumber, purpose, locale, Way.usual(userId, properties.resendCooldown()));
	}

	/**
	 * "Send by another route": a new code, like a resend (the old one is superseded), through the
	 * number's route without the providers in {@code avoid}. {@link AnotherRoute} decided it may be
	 * offered; here one press per code wins ({@code supersededChallengeId}'s claim), and the send
	 * counts in the same budgets as any other.
	 */
	SendOutcome sendByAnotherRoute(String userId, String phoneNumber, SmsChallenge.Purpose purpose, Locale locale,
			String supersededChallengeId, Set<String> avoid) {
		return send(userId, phoneNumber, purpose, locale, Way.another(supersededChallengeId, avoid));
	}

	/**
	 * The one path of a code to a phone: the way's gate claimed (the resend cooldown, or once per
	 * code for another route), then every hourly budget, all before the provider is called; then
	 * the challenge, the delivery, and the older codes superseded.
	 */
	private SendOutcome send(String userId, String phoneNumber, SmsChallenge.Purpose purpose, Locale locale, Way way) {
		// Every limit is taken before the act, atomically, on every node: first the gate (one
		// winner among parallel presses), then the hourly budgets.
		RateLimiter.Claim gate = limiter.claim(way.gate(), way.gatePeriod());
		if (!gate.granted()) {
			count(way, delivery.providerName(), SmsMetrics.COOLDOWN);
			return way.anotherRoute() ? new SendOutcome.AlreadyRerouted()
					: new SendOutcome.CoolingDown(secondsUntil(gate.retryAfter()));
		}
		if (failureBudgetSpent(userId)) {
			limiter.unclaim(way.gate());
			log.warn("SMS send refused by hourly failure limit for user {}", userId);
			audit.record(AuditEventType.SMS_SEND_FAILED, userId, PendingAuthorization.clientId(), "not sent: hourly limit");
			count(way, delivery.providerName(), SmsMetrics.REFUSED_LIMIT);
			return new SendOutcome.LimitReached();
		}
		Optional<SmsSendPolicy.Refusal> refusal = policy.reserve(userId, properties.maxSendsPerHour(), phoneNumber).refusal();
		if (refusal.isPresent()) {
			limiter.unclaim(way.gate());
			audit.record(AuditEventType.SMS_SEND_FAILED, userId, PendingAuthorization.clientId(),
					refusal.get() == SmsSendPolicy.Refusal.ACCOUNT_LIMIT ? "not sent: hourly limit"
							: "not sent: " + refusal.get().name().toLowerCase(Locale.ROOT).replace('_', ' '));
			count(way, delivery.providerName(), refusal.get() == SmsSendPolicy.Refusal.MONTHLY_BUDGET
					? SmsMetrics.REFUSED_MONTHLY_BUDGET : SmsMetrics.REFUSED_LIMIT);
			return switch (refusal.get()) {
				case COUNTRY_NOT_ALLOWED -> new SendOutcome.CountryNotAllowed();
				case MONTHLY_BUDGET -> new SendOutcome.MonthlyBudgetSpent();
				default -> new SendOutcome.LimitReached();
			};
		}
		Instant now = clock.instant();
		String id = UUID.randomUUID().toString();
		String code = codes.newCode();
		Instant expiresAt = now.plus(properties.codeTtl());
		challenges.insert(new SmsChallenge(id, userId, phoneNumber, purpose, codes.hash(id, code),
				SmsChallenge.Status.PENDING, 0, now, expiresAt));
		SentSms sent;
		try {
			// One code and one set of budget slots, whichever provider of the route takes it.
			sent = delivery.send(new SmsMessage(phoneNumber, text(code, locale)),
					SmsContext.code(userId, PendingAuthorization.clientId(), id), way.avoid());
		}
		catch (SmsDeliveryException ex) {
			challenges.markUnsent(id);
			// A failed send starts no cooldown (the person may press again at once), but its budget
			// slots stay spent.
			limiter.unclaim(way.gate());
			log.warn("SMS to {} failed{}: {}", PhoneMasking.mask(phoneNumber), way.anotherRoute() ? " (another route)" : "",
					ex.getMessage());
			// The provider's message stays in the log: it may quote the number or the text.
			audit.record(AuditEventType.SMS_SEND_FAILED, userId, PendingAuthorization.clientId(),
					"provider failed: " + PhoneMasking.mask(phoneNumber) + (way.anotherRoute() ? " (another route)" : ""));
			count(way, delivery.providerName(),
					ex instanceof SmsSendRejectedException ? SmsMetrics.REJECTED : SmsMetrics.FAILED);
			return ex.kind() == SmsDeliveryException.Kind.RECIPIENT ? new SendOutcome.NumberCannotReceive()
					: new SendOutcome.ProviderFailed(ex.isRetryable());
		}
		challenges.supersedeOthers(userId, id);
		log.info("SMS code sent to {} via {}{} (challenge {})", PhoneMasking.mask(phoneNumber), sent.provider(),
				way.anotherRoute() ? " (another route)" : "", id);
		audit.record(AuditEventType.SMS_SENT, userId, PendingAuthorization.clientId(),
				PhoneMasking.mask(phoneNumber) + " via " + sent.provider() + (way.anotherRoute() ? " (another route)" : ""));
		count(way, sent.provider(), SmsMetrics.SENT);
		Duration untilResend = properties.resendCooldown();
		if (way.anotherRoute()) {
			// "Send code" waits its cooldown after this code too; when the first code's cooldown is
			// still running it stays as it is (a claim that is refused changes nothing).
			RateLimiter.Claim cooldown = limiter.claim(Way.cooldownBucket(userId), properties.resendCooldown());
			untilResend = cooldown.granted() ? properties.resendCooldown() : cooldown.retryAfter();
		}
		return new SendOutcome.Sent(id, expiresAt, now.plus(untilResend));
	}

	private void count(Way way, String provider, String outcome) {
		metrics.send(provider, outcome);
		if (way.anotherRoute()) {
			metrics.anotherRoute(outcome);
		}
	}

	/**
	 * How a code goes out: the claim that lets one press through ({@code gate} for {@code
	 * gatePeriod}) and the providers to avoid.
	 */
	private record Way(String gate, Duration gatePeriod, Set<String> avoid, boolean anotherRoute) {

		static String cooldownBucket(String userId) {
			return "sms:cooldown:" + userId;
		}

		/** "Send code": the account's resend cooldown, the whole route. */
		static Way usual(String userId, Duration cooldown) {
			return new Way(cooldownBucket(userId), cooldown, Set.of(), false);
		}

		/** Once per code: the claim outlives the code (it is superseded by the winner's new one). */
		static Way another(String challengeId, Set<String> avoid) {
			return new Way("sms:another-route:" + challengeId, RateLimiter.LONGEST_WINDOW, Set.copyOf(avoid), true);
		}

	}

	/**
	 * Checks a typed code against the challenge of this login transaction. {@code userId} is the
	 * principal who passed the first factor: a challenge of anyone else is treated as absent.
	 */
	VerifyOutcome verify(String challengeId, String userId, String typed) {
		VerifyOutcome outcome = check(challengeId, userId, typed);
		metrics.verification(outcome.kind());
		return outcome;
	}

	private VerifyOutcome check(String challengeId, String userId, String typed) {
		Optional<SmsChallenge> found = challengeId == null ? Optional.empty() : challenges.findById(challengeId);
		if (found.isEmpty() || !found.get().userId().equals(userId)) {
			return VerifyOutcome.of(VerifyOutcome.Kind.NO_CODE);
		}
		SmsChallenge challenge = found.get();
		Instant now = clock.instant();
		switch (challenge.status()) {
			case EXHAUSTED:
				return VerifyOutcome.of(VerifyOutcome.Kind.EXHAUSTED);
			case PENDING:
				break;
			default:
				return VerifyOutcome.of(VerifyOutcome.Kind.NO_CODE);
		}
		if (!now.isBefore(challenge.expiresAt())) {
			return VerifyOutcome.of(VerifyOutcome.Kind.EXPIRED);
		}
		// Two slots before the code is compared: one in the account's hourly failure budget (shared
		// with the authenticator app), one of this code's tries; the right code gives both back.
		RateLimiter.Reservation budgetSlot = reserveSecondFactorTry(userId);
		if (!budgetSlot.granted()) {
			log.warn("SMS verification refused: hourly failure limit reached for user {}", userId);
			audit.record(AuditEventType.SMS_LOCKED, userId, PendingAuthorization.clientId(), "hourly failure limit");
			events.publishEvent(new RepeatedCodeFailures(userId, "hourly failure limit"));
			return VerifyOutcome.of(VerifyOutcome.Kind.LOCKED);
		}
		int max = properties.maxAttemptsPerCode();
		if (!challenges.reserveAttempt(challenge.id(), max)) {
			secondFactorTryDidNotCount(budgetSlot);
			return VerifyOutcome.of(VerifyOutcome.Kind.EXHAUSTED);
		}
		String normalised = typed == null ? null : typed.strip();
		if (OneTimeCodes.isWellFormed(normalised) && codes.matches(challenge.id(), normalised, challenge.codeHash())
				&& challenges.markVerified(challenge.id())) {
			secondFactorTryDidNotCount(budgetSlot);
			sentMessages.codeVerified(challenge.id());
			audit.record(AuditEventType.SMS_VERIFIED, userId, PendingAuthorization.clientId(),
					PhoneMasking.mask(challenge.phoneNumber()));
			return new VerifyOutcome(VerifyOutcome.Kind.VERIFIED, 0, challenge);
		}
		challenges.markExhaustedIfSpent(challenge.id(), max);
		int used = challenges.findById(challenge.id()).map(SmsChallenge::failedAttempts).orElse(max);
		log.info("Wrong SMS code for user {} (challenge {}, {} of {} tries used)", userId, challenge.id(), used, max);
		audit.record(AuditEventType.SMS_CODE_WRONG, userId, PendingAuthorization.clientId(),
				"tries left: " + Math.max(0, max - used));
		if (used >= max) {
			audit.record(AuditEventType.SMS_LOCKED, userId, PendingAuthorization.clientId(),
					"code exhausted after " + max + " wrong tries");
			events.publishEvent(new RepeatedCodeFailures(userId, "code exhausted after " + max + " wrong tries"));
			return VerifyOutcome.of(VerifyOutcome.Kind.EXHAUSTED);
		}
		if (failureBudgetSpent(userId)) {
			// The budget is spent by this very try: tell the holder now, not only when the next try
			// is refused (a guesser may stop here). The answer to this try stays "wrong code".
			events.publishEvent(new RepeatedCodeFailures(userId, "hourly failure limit reached"));
		}
		return new VerifyOutcome(VerifyOutcome.Kind.WRONG, max - used, challenge);
	}

	/**
	 * One slot in the account's hourly budget of wrong second-factor codes, taken before a code of
	 * either factor is compared ({@link SecondFactorFailures}); refused when the budget is spent.
	 */
	public RateLimiter.Reservation reserveSecondFactorTry(String userId) {
		return otherFailures.reserveTry(userId, properties.maxFailuresPerHour());
	}

	/** The code was right, or was never compared: its slot goes back to the budget. */
	public void secondFactorTryDidNotCount(RateLimiter.Reservation slot) {
		otherFailures.notAFailure(slot);
	}

	/** True when this account has used up its hourly budget of wrong second-factor codes. */
	public boolean failureBudgetSpent(String userId) {
		return otherFailures.spent(userId, properties.maxFailuresPerHour());
	}

	/** Whole seconds until {@code then}, rounded up, so the page never promises a resend too early. */
	static long secondsUntil(Instant now, Instant then) {
		return secondsUntil(Duration.between(now, then));
	}

	/** Whole seconds of {@code left}, rounded up, so the page never promises a resend too early. */
	static long secondsUntil(Duration left) {
		if (left.isNegative() || left.isZero()) {
			return 0;
		}
		return left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
	}

	Duration codeTtl() {
		return properties.codeTtl();
	}

	private String text(String code, Locale locale) {
		return messages.getMessage("sms.text", new Object[] { code, properties.codeTtl().toMinutes() }, locale);
	}

}
