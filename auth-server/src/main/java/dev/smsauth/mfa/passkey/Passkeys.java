package dev.smsauth.mfa.passkey;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.smsauth.mfa.RegisteredPasskeys;

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
 * user handle, which never reveals the account.
 */
@Component
class Passkeys implements RegisteredPasskeys {

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	Passkeys(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials) {
		this.userEntities = userEntities;
		this.credentials = credentials;
	}

	@Override
	public boolean hasPasskey(String userId) {
		return !list(userId).isEmpty();
	}

	List<Passkey> list(String userId) {
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

	/** Removes one of the account's passkeys; false when it is not one of them (another's or gone). */
	boolean remove(String userId, String credentialId) {
		Bytes handle = userHandle(userId);
		if (handle == null || credentialId == null || !credentialId.matches("[A-Za-z0-9_-]{1,1400}")) {
			return false;
		}
		CredentialRecord record = credentials.findByCredentialId(Bytes.fromBase64(credentialId));
		if (record == null || !handle.equals(record.getUserEntityUserId())) {
			return false;
		}
		credentials.delete(record.getCredentialId());
		return true;
	}

	record Passkey(String id, String label, Instant created, Instant lastUsed) {

		static Passkey of(CredentialRecord record) {
			return new Passkey(record.getCredentialId().toBase64UrlString(), record.getLabel(), record.getCreated(),
					record.getLastUsed());
		}

	}

}
