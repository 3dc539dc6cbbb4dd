package dev.smsauth.mfa.totp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import dev.smsauth.audit.PendingAuthorization;
import dev.smsauth.key.KeyEncryption;
import dev.smsauth.limits.RateLimiter;
import dev.smsauth.user.AuthenticatorApps;
import dev.smsauth.mfa.sms.RepeatedCodeFailures;
import dev.smsauth.mfa.sms.SmsCodeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The authenticator-app factor: new secrets, confirmation, sign-in checks, removal. Every rule of
 * the factor lives here: 160-bit secrets from {@link SecureRandom}, sealed at rest, the current
 * time step and one either side (clock drift), a step once accepted never accepted again, wrong
 * codes charged to the account's second-factor budget shared with SMS. Neither the secret nor a
 * code ever reaches a log line, an audit row or an exception message.
 */
@Service
public class AuthenticatorService implements AuthenticatorApps {

	private static final Logger log = LoggerFactory.getLogger(AuthenticatorService.class);

	/** RFC 4226 recommends 160 bits, the HMAC-SHA1 output size. */
	private static final int SECRET_BYTES = 20;

	/** Steps accepted either side of the current one (RFC 6238 section 5.2 suggests at most one). */
	private static final int DRIFT_STEPS = 1;

	private final AuthenticatorRepository authenticators;

	private final KeyEncryption encryption;

	private final SmsCodeService smsCodes;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final SecureRandom random = new SecureRandom();

	AuthenticatorService(AuthenticatorRepository authenticators, KeyEncryption encryption, SmsCodeService smsCodes,
			AuditLog audit, Clock clock, ApplicationEventPublisher events) {
		this.authenticators = authenticators;
		this.encryption = encryption;
		this.smsCodes = smsCodes;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	@Override
	public boolean isSetUp(String userId) {
		return userId != null && authenticators.exists(userId);
	}

	/** A new random secret for enrollment, sealed for this user; shown, not yet saved. */
	PendingEnrollment newEnrollment(String userId) {
		byte[] secret = new byte[SECRET_BYTES];
		random.nextBytes(secret);
		String base32 = Base32.encode(secret);
		Arrays.fill(secret, (byte) 0);
		return new PendingEnrollment(userId, encryption.seal(pendingAad(userId), base32));
	}

	/** The base32 secret of a pending enrollment of {@code userId}, or empty when it is not theirs. */
	Optional<String> secretOf(PendingEnrollment pending, String userId) {
		if (pending == null || !pending.userId().equals(userId)) {
			return Optional.empty();
		}
		try {
			return Optional.of(encryption.open(pendingAad(userId), pending.sealedSecret()));
		}
		catch (IllegalStateException ex) {
			return Optional.empty(); // sealed under another key-encryption key: start a new enrollment
		}
	}

	/**
	 * Confirms a pending enrollment with the first code the app shows: only then is the app saved
	 * (replacing any earlier one), with that code's step already used.
	 */
	@Transactional
	boolean confirm(String userId, String base32Secret, String typed) {
		String code = Totp.normalise(typed);
		OptionalLong step = code == null ? OptionalLong.empty() : matchingStep(Base32.decode(base32Secret), code);
		if (step.isEmpty()) {
			log.info("Authenticator app not confirmed for user {}: wrong code", userId);
			return false;
		}
		authenticators.save(new StoredAuthenticator(userId, encryption.seal(rowAad(userId), base32Secret),
				step.getAsLong(), clock.instant()));
		audit.record(AuditEventType.AUTHENTICATOR_ENROLLED, userId, null, null);
		log.info("Authenticator app set up for user {}", userId);
		return true;
	}

	/**
	 * Checks a code typed at sign-in for {@code userId} (the principal who passed the password).
	 * No transaction: the one conditional UPDATE of {@link AuthenticatorRepository#claimStep} is
	 * what makes a code single-use.
	 */
	VerifyResult verify(String userId, String typed) {
		// A slot in the hourly failure budget shared with SMS is taken before the code is compared,
		// and given back when it was right: parallel guesses can not overshoot the budget.
		RateLimiter.Reservation budgetSlot = smsCodes.reserveSecondFactorTry(userId);
		if (!budgetSlot.granted()) {
			log.warn("Authenticator code refused: hourly failure limit reached for user {}", userId);
			audit.record(AuditEventType.AUTHENTICATOR_LOCKED, userId, PendingAuthorization.clientId(),
					"hourly failure limit");
			// The holder is told, as for SMS codes (at most one notice an hour, notify package).
			events.publishEvent(new RepeatedCodeFailures(userId, "authenticator: hourly failure limit"));
			return VerifyResult.LOCKED;
		}
		Optional<StoredAuthenticator> found = authenticators.find(userId);
		if (found.isEmpty()) {
			smsCodes.secondFactorTryDidNotCount(budgetSlot);
			return VerifyResult.NOT_SET_UP;
		}
		String code = Totp.normalise(typed);
		OptionalLong step = OptionalLong.empty();
		if (code != null) {
			byte[] key = Base32.decode(encryption.open(rowAad(userId), found.get().sealedSecret()));
			step = matchingStep(key, code);
			Arrays.fill(key, (byte) 0);
		}
		if (step.isPresent() && authenticators.claimStep(userId, step.getAsLong())) {
			smsCodes.secondFactorTryDidNotCount(budgetSlot);
			audit.record(AuditEventType.AUTHENTICATOR_VERIFIED, userId, PendingAuthorization.clientId(), null);
			return VerifyResult.VERIFIED;
		}
		VerifyResult result = step.isPresent() ? VerifyResult.REPLAYED : VerifyResult.WRONG;
		log.info("Authenticator code refused for user {}: {}", userId, result);
		audit.record(AuditEventType.AUTHENTICATOR_CODE_WRONG, userId, PendingAuthorization.clientId(),
				result == VerifyResult.REPLAYED ? "code already used" : "wrong code");
		return result;
	}

	/** Records that a sign-in used up its wrong tries (the page then asks to start over). */
	void lockedForThisSignIn(String userId, int tries) {
		audit.record(AuditEventType.AUTHENTICATOR_LOCKED, userId, PendingAuthorization.clientId(),
				tries + " wrong codes in one sign-in");
		events.publishEvent(new RepeatedCodeFailures(userId, "authenticator: " + tries + " wrong codes in one sign-in"));
	}

	/**
	 * Removes the user's authenticator app. {@code byWhom} says who asked ("by the user", "by an
	 * administrator") for the audit trail, whose actor column names the person.
	 */
	@Transactional
	public boolean remove(String userId, String byWhom) {
		boolean removed = authenticators.delete(userId);
		if (removed) {
			audit.record(AuditEventType.AUTHENTICATOR_REMOVED, userId, null, byWhom);
			log.info("Authenticator app removed for user {} {}", userId, byWhom);
		}
		return removed;
	}

	/** The {@code otpauth://} link apps read (Key Uri Format): issuer, account name, secret. */
	String otpauthUri(String issuer, String accountName, String base32Secret) {
		String label = encode(issuer) + ":" + encode(accountName);
		return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(issuer)
				+ "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP.toSeconds();
	}

	/**
	 * The step among now and one either side whose code is {@code code}. Every candidate is
	 * computed and compared, so the time taken does not say which step matched.
	 */
	private OptionalLong matchingStep(byte[] key, String code) {
		long now = Totp.stepAt(clock.instant());
		OptionalLong found = OptionalLong.empty();
		for (long step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
			if (Totp.matches(key, step, code) && found.isEmpty()) {
				found = OptionalLong.of(step);
			}
		}
		return found;
	}

	// Associated data for KeyEncryption: a sealed secret only opens for the row (or pending
	// enrollment) of the user it was sealed for; the prefixes keep them apart from signing-key ids.
	private static String rowAad(String userId) {
		return "totp:" + userId;
	}

	private static String pendingAad(String userId) {
		return "totp-pending:" + userId;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
