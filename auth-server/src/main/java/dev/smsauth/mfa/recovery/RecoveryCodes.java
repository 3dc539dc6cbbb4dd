package dev.smsauth.mfa.recovery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import dev.smsauth.audit.PendingAuthorization;
import dev.smsauth.limits.RateLimiter;
import dev.smsauth.mfa.RecoveryCodesOnFile;
import dev.smsauth.mfa.sms.RepeatedCodeFailures;
import dev.smsauth.mfa.sms.SmsCodeService;
import dev.smsauth.mfa.sms.SmsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recovery codes (issue 13, part 3): ten single-use codes per account, the way back in for someone
 * who lost the phone or the authenticator. Made from {@link SecureRandom} (60 bits each), shown
 * once and stored only as an HMAC-SHA256 under the server's code key, with the account id in the
 * hashed text (a hash is worthless for another account). No code ever reaches a log line, an
 * audit row or an exception message.
 */
@Service
public class RecoveryCodes implements RecoveryCodesOnFile {

	static final int COUNT = 10;

	private static final Logger log = LoggerFactory.getLogger(RecoveryCodes.class);

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	private final RecoveryCodeRepository codes;

	private final SmsCodeService failureBudget;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	RecoveryCodes(SmsProperties properties, RecoveryCodeRepository codes, SmsCodeService failureBudget, AuditLog audit,
			Clock clock, ApplicationEventPublisher events) {
		this.key = new SecretKeySpec(properties.codeHmacKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.codes = codes;
		this.failureBudget = failureBudget;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	/** Whether the account has an unused code (the factor pages then offer "Use a recovery code"). */
	@Override
	public boolean hasCodes(String userId) {
		return codes.unused(userId) > 0;
	}

	int unused(String userId) {
		return codes.unused(userId);
	}

	/**
	 * A new set of ten codes, replacing (voiding) the old one; the returned codes, for display
	 * once, exist nowhere else.
	 */
	@Transactional
	List<String> generate(String userId) {
		codes.lockAccount(userId);
		List<String> shown = new ArrayList<>(COUNT);
		List<String> hashes = new ArrayList<>(COUNT);
		while (shown.size() < COUNT) {
			String code = RecoveryCodeFormat.newCode(random);
			String hash = hash(userId, code);
			if (!hashes.contains(hash)) { // 1 in 2^60: but the unique key would refuse a twin
				hashes.add(hash);
				shown.add(RecoveryCodeFormat.display(code));
			}
		}
		codes.deleteAll(userId);
		codes.insertAll(userId, hashes, clock.instant());
		audit.record(AuditEventType.RECOVERY_CODES_GENERATED, userId, null, COUNT + " codes, the old set void");
		log.info("Recovery codes generated for user {}", userId);
		return shown;
	}

	/**
	 * Checks a recovery code typed at sign-in by {@code userId} (the principal who passed the
	 * password). No transaction: the one conditional UPDATE of {@link RecoveryCodeRepository#claim}
	 * makes a code single-use.
	 */
	RecoveryOutcome verify(String userId, String typed) {
		// A slot in the hourly failure budget shared with the other factors is taken before the code
		// is compared, and given back when it was right: parallel guesses can not overshoot it.
		RateLimiter.Reservation budgetSlot = failureBudget.reserveSecondFactorTry(userId);
		if (!budgetSlot.granted()) {
			log.warn("Recovery code refused: hourly failure limit reached for user {}", userId);
			audit.record(AuditEventType.RECOVERY_CODE_WRONG, userId, PendingAuthorization.clientId(),
					"hourly failure limit");
			events.publishEvent(new RepeatedCodeFailures(userId, "recovery code: hourly failure limit"));
			return RecoveryOutcome.LOCKED;
		}
		String code = RecoveryCodeFormat.normalise(typed);
		Instant now = clock.instant();
		if (code != null && codes.claim(userId, hash(userId, code), now)) {
			failureBudget.secondFactorTryDidNotCount(budgetSlot);
			int remaining = codes.unused(userId);
			audit.record(AuditEventType.RECOVERY_CODE_USED, userId, PendingAuthorization.clientId(),
					remaining + " codes left");
			log.info("Recovery code used for user {} ({} left)", userId, remaining);
			events.publishEvent(new RecoveryCodeUsed(userId, remaining, now));
			return RecoveryOutcome.VERIFIED;
		}
		log.info("Recovery code refused for user {}", userId);
		audit.record(AuditEventType.RECOVERY_CODE_WRONG, userId, PendingAuthorization.clientId(),
				"wrong or used code");
		return RecoveryOutcome.WRONG;
	}

	private String hash(String userId, String canonicalCode) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			// Domain-separated from the SMS codes, which share the key.
			return HexFormat.of()
				.formatHex(mac.doFinal(("recovery-code:" + userId + ":" + canonicalCode).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
