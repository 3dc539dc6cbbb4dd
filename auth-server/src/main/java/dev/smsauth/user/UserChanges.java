package dev.smsauth.user;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * What an update changed, for the audit trail. Enabling or disabling, a new password, and removing
 * or setting the phone number (the SMS authenticator) have events of their own; the other fields
 * are named (never their values) in one USER_UPDATED event.
 */
record UserChanges(boolean enabledChanged, boolean passwordSet, boolean phoneRemoved, boolean phoneSet,
		boolean disabled, boolean adminRemoved, List<String> otherFields) {

	static UserChanges between(UserAccount before, UserAccount after, boolean passwordSet) {
		boolean phoneRemoved = before.phoneNumber() != null && after.phoneNumber() == null;
		boolean phoneSet = after.phoneNumber() != null && !after.phoneNumber().equals(before.phoneNumber());
		List<String> fields = new ArrayList<>();
		compare(fields, "username", before.username(), after.username());
		compare(fields, "email", before.email(), after.email());
		compare(fields, "name", before.displayName(), after.displayName());
		compare(fields, "admin", before.admin(), after.admin());
		return new UserChanges(before.enabled() != after.enabled(), passwordSet, phoneRemoved, phoneSet,
				before.enabled() && !after.enabled(), before.admin() && !after.admin(), List.copyOf(fields));
	}

	/**
	 * The changes after which nothing issued before may stay in use: a disabled account, a new
	 * password (a reset is what a helpdesk does when the old one may be known to someone else), a
	 * new or removed phone number (the SMS authenticator), and a withdrawn administrator role.
	 */
	EnumSet<UserAccessRevoked.Reason> accessEndingReasons() {
		EnumSet<UserAccessRevoked.Reason> reasons = EnumSet.noneOf(UserAccessRevoked.Reason.class);
		if (disabled) {
			reasons.add(UserAccessRevoked.Reason.DISABLED);
		}
		if (passwordSet) {
			reasons.add(UserAccessRevoked.Reason.PASSWORD_RESET);
		}
		if (phoneRemoved || phoneSet) {
			reasons.add(UserAccessRevoked.Reason.PHONE_NUMBER_CHANGED);
		}
		if (adminRemoved) {
			reasons.add(UserAccessRevoked.Reason.ADMIN_REMOVED);
		}
		return reasons;
	}

	/**
	 * USER_UPDATED is recorded when another field changed, and also when nothing changed at all
	 * (someone did submit the update), but not next to an event that already says it all.
	 */
	boolean recordAsUpdate() {
		return !otherFields.isEmpty() || !(enabledChanged || passwordSet || phoneRemoved || phoneSet);
	}

	String otherDetails() {
		return otherFields.isEmpty() ? "no change" : "changed: " + String.join(", ", otherFields);
	}

	private static void compare(List<String> fields, String name, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			fields.add(name);
		}
	}

}
