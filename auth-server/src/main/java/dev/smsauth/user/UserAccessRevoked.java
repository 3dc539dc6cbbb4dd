package dev.smsauth.user;

import java.util.Set;

/**
 * Domain event: an administrator's change (or the deletion) of an account means that nothing
 * issued to it before may stay in use: its sessions on every node and its grants (authorization
 * codes, access and refresh tokens) must end. Published inside the change's transaction, so the
 * listener's deletes commit or roll back together with the change: a change that could not end
 * the user's access does not happen either.
 *
 * @param userId the account (the principal name of its sessions and grants)
 * @param reasons why, for the log
 */
public record UserAccessRevoked(String userId, Set<Reason> reasons) {

	public UserAccessRevoked {
		reasons = Set.copyOf(reasons);
	}

	/** What the administrator did. */
	public enum Reason {

		DISABLED, DELETED, PASSWORD_RESET, PHONE_NUMBER_CHANGED, ADMIN_REMOVED

	}

}
