package dev.smsauth.device;

import java.util.EnumSet;
import java.util.Set;

import dev.smsauth.user.PhoneNumberChanged;
import dev.smsauth.user.UserAccessRevoked;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forgets every device of a user when the account's credentials or standing change: password
 * reset, phone number changed (by an administrator or the holder), disabled. (Deleted accounts
 * lose their rows by foreign key.) A new password or number means whoever held the old ones may
 * have remembered a browser; none of those may skip a second factor any more.
 *
 * <p>Synchronous listeners, so the deletes run inside the change's transaction, next to
 * {@code revocation.SessionsAndGrantsRevocation}: the change and the revocation commit together or
 * not at all. Demotion from administrator alone does not touch devices: it changes what the
 * account may do, not who may sign in as it.
 */
@Component
class DevicesRevocation {

	private static final Set<UserAccessRevoked.Reason> ENDS_DEVICES = EnumSet.of(UserAccessRevoked.Reason.DISABLED,
			UserAccessRevoked.Reason.DELETED, UserAccessRevoked.Reason.PASSWORD_RESET,
			UserAccessRevoked.Reason.PHONE_NUMBER_CHANGED);

	private final Devices devices;

	DevicesRevocation(Devices devices) {
		this.devices = devices;
	}

	@EventListener
	void on(UserAccessRevoked event) {
		if (event.reasons().stream().anyMatch(ENDS_DEVICES::contains)) {
			devices.revokeAll(event.userId(), "account change: " + event.reasons());
		}
	}

	/** The holder's own change (an administrator's comes as {@link UserAccessRevoked} as well). */
	@EventListener
	void on(PhoneNumberChanged event) {
		if (event.by() == PhoneNumberChanged.ChangedBy.ACCOUNT_HOLDER && event.oldNumber() != null) {
			devices.revokeAll(event.userId(), "phone number changed by the holder");
		}
	}

}
