package dev.smsauth.user;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.smsauth.api.DuplicateException;
import dev.smsauth.api.FieldErrors;
import dev.smsauth.api.NotFoundException;
import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import dev.smsauth.audit.PendingAuthorization;
import dev.smsauth.user.PhoneMasking;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules for users, shared by the management API, the console and the SMS enrollment step:
 * normalisation, validation, uniqueness, password hashing.
 */
@Service
public class UserService {

	// Lower-case letters, digits and . _ - ; never '@' or a leading '+' so that a username can not be
	// mistaken for an email or a phone number on the sign-in page.
	private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

	static final int MIN_PASSWORD = 8;

	static final int MAX_PASSWORD = 128;

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	UserService(UserRepository users, PasswordEncoder passwordEncoder, Clock clock, AuditLog audit,
			ApplicationEventPublisher events) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.audit = audit;
		this.events = events;
	}

	@Transactional
	public UserAccount create(NewUser input) {
		FieldErrors errors = new FieldErrors();
		String username = username(input.username(), errors);
		String email = email(input.email(), errors);
		String phone = phone(input.phoneNumber(), errors);
		password(input.password(), errors);
		String name = name(input.name(), errors);
		errors.throwIfAny();
		ensureUnique(null, username, email, phone);
		Instant now = clock.instant();
		// A number typed in by an administrator is not proven until its holder types a code sent to it.
		UserAccount account = new UserAccount(UUID.randomUUID().toString(), username, email, phone, name,
				passwordEncoder.encode(input.password()), true, now, now, Boolean.TRUE.equals(input.admin()), false);
		UserAccount created = save(account, true);
		audit.record(AuditEventType.USER_CREATED, created.id(), null, created.admin() ? "admin: true" : null);
		return created;
	}

	/**
	 * An administrator's change (management API, console). A new or removed phone number publishes
	 * {@link PhoneNumberChanged}; the holder's own, proven number goes through
	 * {@link #setVerifiedPhoneNumber} instead. Disabling, a new password, a new or removed number
	 * and removing {@code admin} publish {@link UserAccessRevoked}: the user's sessions and grants
	 * end in this same transaction.
	 */
	@Transactional
	public UserAccount update(String id, UserPatch patch) {
		// Locked until commit: two concurrent changes of one account apply one after the other, and
		// a code verification can not mark a number proven while it is being replaced.
		UserAccount current = users.findByIdForUpdate(id).orElseThrow(() -> new NotFoundException("user"));
		FieldErrors errors = new FieldErrors();
		String username = current.username();
		if (patch.username() != null) {
			username = username(patch.username().orElse(null), errors);
		}
		String email = patch.email() == null ? current.email() : email(patch.email().orElse(null), errors);
		String phone = patch.phoneNumber() == null ? current.phoneNumber() : phone(patch.phoneNumber().orElse(null), errors);
		String name = patch.name() == null ? current.displayName() : name(patch.name().orElse(null), errors);
		String hash = current.passwordHash();
		if (patch.password() != null) {
			password(patch.password().orElse(null), errors);
			if (!errors.has("password")) {
				hash = passwordEncoder.encode(patch.password().get());
			}
		}
		boolean enabled = current.enabled();
		if (patch.enabled() != null) {
			if (patch.enabled().isEmpty()) {
				errors.add("enabled", "must be true or false");
			}
			else {
				enabled = patch.enabled().get();
			}
		}
		boolean admin = current.admin();
		if (patch.admin() != null) {
			if (patch.admin().isEmpty()) {
				errors.add("admin", "must be true or false");
			}
			else {
				admin = patch.admin().get();
			}
		}
		errors.throwIfAny();
		ensureUnique(id, username, email, phone);
		UserAccount updated = current.with(username, email, phone, name, hash, enabled, admin, clock.instant());
		UserAccount saved = save(updated, false);
		UserChanges changes = UserChanges.between(current, saved, patch.password() != null);
		if (changes.enabledChanged()) {
			audit.record(saved.enabled() ? AuditEventType.USER_ENABLED : AuditEventType.USER_DISABLED, id, null, null);
		}
		if (changes.passwordSet()) {
			audit.record(AuditEventType.USER_PASSWORD_RESET, id, null, null);
		}
		if (changes.phoneRemoved()) {
			audit.record(AuditEventType.USER_PHONE_REMOVED, id, null, PhoneMasking.mask(current.phoneNumber()));
		}
		if (changes.phoneSet()) {
			audit.record(AuditEventType.USER_PHONE_CHANGED, id, null, phoneChange(current.phoneNumber(), saved.phoneNumber()));
		}
		if (changes.recordAsUpdate()) {
			audit.record(AuditEventType.USER_UPDATED, id, null, changes.otherDetails());
		}
		if (changes.phoneRemoved() || changes.phoneSet()) {
			// An administrator's number is not proven here: the SMS step proves it at the next
			// sign-in. The old number is told once this transaction has committed (notify package).
			events.publishEvent(new PhoneNumberChanged(id, current.phoneNumber(), saved.phoneNumber(),
					PhoneNumberChanged.ChangedBy.ADMINISTRATOR));
		}
		Set<UserAccessRevoked.Reason> reasons = changes.accessEndingReasons();
		if (!reasons.isEmpty()) {
			events.publishEvent(new UserAccessRevoked(id, reasons));
		}
		return saved;
	}

	/**
	 * Binds a phone number the account holder has just proven with a code: SMS enrollment (no
	 * number before) or a self-service change at /account/phone. The number must be free.
	 */
	@Transactional
	public UserAccount setVerifiedPhoneNumber(String id, String e164) {
		UserAccount current = users.findByIdForUpdate(id).orElseThrow(() -> new NotFoundException("user"));
		ensureUnique(id, current.username(), current.email(), e164);
		UserAccount saved = save(current.withProvenPhoneNumber(e164, clock.instant()), false);
		if (current.phoneNumber() == null) {
			audit.record(AuditEventType.PHONE_ENROLLED, id, PendingAuthorization.clientId(), PhoneMasking.mask(e164));
		}
		else if (!current.phoneNumber().equals(e164)) {
			audit.record(AuditEventType.USER_PHONE_CHANGED, id, PendingAuthorization.clientId(),
					phoneChange(current.phoneNumber(), e164));
		}
		if (!e164.equals(current.phoneNumber())) {
			events.publishEvent(new PhoneNumberChanged(id, current.phoneNumber(), e164,
					PhoneNumberChanged.ChangedBy.ACCOUNT_HOLDER));
		}
		return saved;
	}

	/**
	 * Replaces the stored hash of an unchanged password (hash upgrade at sign-in), only while the
	 * stored hash is still the one the sign-in checked: a password reset or any other change of the
	 * account in the meantime is never overwritten by this late write.
	 */
	public void replacePasswordHash(String id, String checkedHash, String encodedPassword) {
		users.replacePasswordHash(id, checkedHash, encodedPassword);
	}

	/**
	 * A number's holder typed the code that was sent to {@code provenNumber} at sign-in: the
	 * number on the account counts as proven, unless an administrator replaced it meanwhile.
	 */
	public void phoneNumberProven(String id, String provenNumber) {
		// After the first sign-in with a code it is already so, as this request read the account
		// (the read is this request's own, no statement): nothing to write.
		if (users.findById(id).filter(u -> u.phoneNumberVerified() && provenNumber.equals(u.phoneNumber())).isPresent()) {
			return;
		}
		users.markPhoneNumberVerified(id, provenNumber);
	}

	/**
	 * Whether the account still exists and is enabled: asked again on every request that relies on
	 * an earlier sign-in (authorization endpoint, hosted pages, refresh, userinfo), by primary key.
	 */
	public boolean isActive(String id) {
		return id != null && users.findById(id).map(UserAccount::enabled).orElse(false);
	}

	public UserAccount get(String id) {
		return users.findById(id).orElseThrow(() -> new NotFoundException("user"));
	}

	public Optional<UserAccount> find(String id) {
		return users.findById(id);
	}

	public List<UserAccount> list(int offset, int limit) {
		return users.findPage(offset, limit);
	}

	/** One page of the users matching a free-text query (username, email or phone number). */
	public List<UserAccount> search(String query, int offset, int limit) {
		return users.search(query, offset, limit);
	}

	public long count(String query) {
		return users.count(query);
	}

	@Transactional
	public void delete(String id) {
		if (!users.delete(id)) {
			throw new NotFoundException("user");
		}
		audit.record(AuditEventType.USER_DELETED, id, null, null);
		events.publishEvent(new UserAccessRevoked(id, Set.of(UserAccessRevoked.Reason.DELETED)));
	}

	/**
	 * Finds the account for what a person typed into the one sign-in field: a phone number, an
	 * email address or a username.
	 */
	public Optional<UserAccount> findBySignInIdentifier(String identifier) {
		if (identifier == null || identifier.isBlank() || identifier.length() > 254) {
			return Optional.empty();
		}
		String trimmed = identifier.strip();
		if (PhoneNumbers.looksLikePhoneNumber(trimmed)) {
			return PhoneNumbers.normalise(trimmed).flatMap(users::findByPhoneNumber);
		}
		if (trimmed.contains("@")) {
			return users.findByEmail(trimmed.toLowerCase(Locale.ROOT));
		}
		return users.findByUsername(trimmed.toLowerCase(Locale.ROOT));
	}

	private UserAccount save(UserAccount account, boolean insert) {
		try {
			if (insert) {
				users.insert(account);
			}
			else {
				users.update(account);
			}
			return account;
		}
		catch (DuplicateKeyException ex) {
			// Lost a race with a concurrent request between the check and the write.
			throw new DuplicateException(duplicateField(ex));
		}
	}

	/** Masked old and new number for the audit trail, e.g. "+1 ••• ••• 0123 → +1 ••• ••• 4567". */
	private static String phoneChange(String before, String after) {
		return before == null ? "set: " + PhoneMasking.mask(after)
				: PhoneMasking.mask(before) + " → " + PhoneMasking.mask(after);
	}

	private void ensureUnique(String selfId, String username, String email, String phone) {
		if (takenByOther(users.findByUsername(username), selfId)) {
			throw new DuplicateException("username");
		}
		if (email != null && takenByOther(users.findByEmail(email), selfId)) {
			throw new DuplicateException("email");
		}
		if (phone != null && takenByOther(users.findByPhoneNumber(phone), selfId)) {
			throw new DuplicateException("phoneNumber");
		}
	}

	private static boolean takenByOther(Optional<UserAccount> found, String selfId) {
		return found.isPresent() && !found.get().id().equals(selfId);
	}

	private static String duplicateField(DuplicateKeyException ex) {
		String message = String.valueOf(ex.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
		if (message.contains("uk_user_email")) {
			return "email";
		}
		if (message.contains("uk_user_phone")) {
			return "phoneNumber";
		}
		return "username";
	}

	private static String username(String raw, FieldErrors errors) {
		if (raw == null || raw.isBlank()) {
			errors.add("username", "is required");
			return null;
		}
		String value = raw.strip().toLowerCase(Locale.ROOT);
		if (!USERNAME.matcher(value).matches()) {
			errors.add("username", "must be 3 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
			return null;
		}
		return value;
	}

	private static String email(String raw, FieldErrors errors) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String value = raw.strip().toLowerCase(Locale.ROOT);
		if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
			errors.add("email", "is not a valid email address");
			return null;
		}
		return value;
	}

	private static String phone(String raw, FieldErrors errors) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		Optional<String> e164 = PhoneNumbers.normalise(raw);
		if (e164.isEmpty()) {
			errors.add("phoneNumber", "must be an international number in E.164 form, e.g. +14155550123");
			return null;
		}
		return e164.get();
	}

	private static String name(String raw, FieldErrors errors) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String value = raw.strip();
		if (value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
			errors.add("name", "must be at most 200 characters without control characters");
			return null;
		}
		return value;
	}

	private static void password(String raw, FieldErrors errors) {
		// NIST SP 800-63B: length is what matters; no composition rules, long passphrases welcome.
		if (raw == null || raw.isEmpty()) {
			errors.add("password", "is required");
		}
		else if (raw.length() < MIN_PASSWORD || raw.length() > MAX_PASSWORD) {
			errors.add("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
		}
	}

}
