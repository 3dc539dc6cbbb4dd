package dev.smsauth.user;

/**
 * Domain event: the phone number of an account (its SMS authenticator) was replaced, added or
 * removed. Published inside the transaction of the change; listeners that talk to the outside
 * world (the security notice to the old number) run only after it committed.
 *
 * @param userId the account
 * @param oldNumber the number before the change (E.164), or null when there was none
 * @param newNumber the number after the change (E.164), or null when it was removed
 * @param by who made the change
 */
public record PhoneNumberChanged(String userId, String oldNumber, String newNumber, ChangedBy by) {

	/** Who changed the number; an administrator's number is proven at the next SMS sign-in. */
	public enum ChangedBy {

		/** Through the management API or the console (a helpdesk reset). */
		ADMINISTRATOR,
		/** The account holder, after proving the new number with a code (enrollment or /account/phone). */
		ACCOUNT_HOLDER

	}

	@Override
	public String toString() {
		return "PhoneNumberChanged[userId=" + userId + ", by=" + by + "]";
	}

}
