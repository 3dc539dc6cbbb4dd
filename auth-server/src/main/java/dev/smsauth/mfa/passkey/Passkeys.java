package dev.smsauth.mfa.passkey;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.smsauth.api.NotFoundException;
import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import dev.smsauth.mfa.RegisteredPasskeys;

import org.springframework.jdbc.core.simple.JdbcClient;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;

/**
 * An account's passkeys, over Spring Security's WebAuthn stores: the WebAuthn user entity is named
 * by our account id (the principal name the framework looks it up by) and carries a random id, the
 * user handle, which never reveals the account. Public for the console's user page.
 */
@Component
public class Passkeys implements RegisteredPasskeys {

	/** The longest name a person may give a passkey (the column takes more: the framework's own). */
	static final int MAX_NAME = 64;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	Passkeys(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
			JdbcClient jdbc, AuditLog audit) {
		this.userEntities = userEntities;
		this.credentials = credentials;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	public boolean hasPasskey(String userId) {
		return !list(userId).isEmpty();
	}

	public List<Passkey> list(String userId) {
		PublicKeyCredentialUserEntity entity = userEntities.findByUsername(userId);
		if (entity == null) {
			return List.of();
		}
		return credentials.findByUserId(entity.getId())
			.stream()
			.map(Passkey::of)
			.sorted(Comparator.comparing(Passkey::created, Comparator.nullsLast(Comparator.naturalOrder())))
			.toList();
	}

	/** The WebAuthn user handle of this account, or null when it never registered a passkey. */
	Bytes userHandle(String userId) {
		PublicKeyCredentialUserEntity entity = userEntities.findByUsername(userId);
		return entity == null ? null : entity.getId();
	}

	/**
	 * Creates the account's WebAuthn user before the framework would, so the name browsers show
	 * next to the passkey is the username, not the account id.
	 */
	void ensureUserEntity(String userId, String username) {
		if (userEntities.findByUsername(userId) == null) {
			userEntities.save(ImmutablePublicKeyCredentialUserEntity.builder()
				.id(Bytes.random())
				.name(userId)
				.displayName(username)
				.build());
		}
	}

	/**
	 * Removes one of the account's passkeys, audited; false when it is not one of them (another's
	 * or gone).
	 * @param by who removed it, for the audit trail ("by the user", "by an administrator")
	 */
	boolean remove(String userId, String credentialId, String by) {
		CredentialRecord record = owned(userId, credentialId);
		if (record == null) {
			return false;
		}
		credentials.delete(record.getCredentialId());
		audit.record(AuditEventType.PASSKEY_REMOVED, userId, null, record.getLabel() + ", " + by);
		return true;
	}

	/** As {@link #remove(String, String, String)}, but an unknown passkey or another's is not found (404). */
	public void removeOrNotFound(String userId, String credentialId, String by) {
		if (!remove(userId, credentialId, by)) {
			throw new NotFoundException("passkey");
		}
	}

	/**
	 * Gives one of the account's passkeys a new name (already checked by the caller); false when it
	 * is not one of them. One conditional UPDATE rather than the framework's save: a save of a
	 * passkey removed in between would insert it again.
	 */
	boolean rename(String userId, String credentialId, String name) {
		Bytes handle = userHandle(userId);
		if (handle == null || !isCredentialId(credentialId)) {
			return false;
		}
		// The framework stores both ids as base64url text.
		int updated = jdbc
			.sql("UPDATE user_credentials SET label = :label WHERE credential_id = :id AND user_entity_user_id = :owner")
			.param("label", name)
			.param("id", Bytes.fromBase64(credentialId).toBase64UrlString())
			.param("owner", handle.toBase64UrlString())
			.update();
		if (updated == 1) {
			audit.record(AuditEventType.PASSKEY_RENAMED, userId, null, name);
		}
		return updated == 1;
	}

	private CredentialRecord owned(String userId, String credentialId) {
		Bytes handle = userHandle(userId);
		if (handle == null || !isCredentialId(credentialId)) {
			return null;
		}
		CredentialRecord record = credentials.findByCredentialId(Bytes.fromBase64(credentialId));
		return record == null || !handle.equals(record.getUserEntityUserId()) ? null : record;
	}

	private static boolean isCredentialId(String credentialId) {
		return credentialId != null && credentialId.matches("[A-Za-z0-9_-]{1,1400}");
	}

	/** A passkey as listed: the opaque id is the credential id in base64url, never the public key. */
	public record Passkey(String id, String label, Instant created, Instant lastUsed) {

		static Passkey of(CredentialRecord record) {
			return new Passkey(record.getCredentialId().toBase64UrlString(), record.getLabel(), record.getCreated(),
					record.getLastUsed());
		}

	}

}
