package dev.smsauth.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an update changed, for the audit trail: the sign-in policy on its own (it decides whether
 * people get a second factor, so it has an event of its own) and the names of the other fields
 * that changed (never their values: they may be long, and the trail says what, not how).
 */
record ApplicationChanges(boolean smsChanged, boolean smsNow, List<String> mfaFields, List<String> otherFields) {

	static ApplicationChanges between(Application before, Application after) {
		List<String> fields = new ArrayList<>();
		compare(fields, "name", before.name(), after.name());
		compare(fields, "redirectUris", before.redirectUris(), after.redirectUris());
		compare(fields, "postLogoutRedirectUris", before.postLogoutRedirectUris(), after.postLogoutRedirectUris());
		compare(fields, "scopes", before.scopes(), after.scopes());
		compare(fields, "grantTypes", before.grantTypes(), after.grantTypes());
		compare(fields, "consentRequired", before.consentRequired(), after.consentRequired());
		compare(fields, "pkceRequired", before.pkceRequired(), after.pkceRequired());
		compare(fields, "accessTokenFormat", before.accessTokenFormat(), after.accessTokenFormat());
		compare(fields, "requirePushedAuthorizationRequests", before.requirePushedAuthorizationRequests(),
				after.requirePushedAuthorizationRequests());
		compare(fields, "refreshTokenAbsoluteLifetime", before.refreshTokenAbsoluteLifetime(),
				after.refreshTokenAbsoluteLifetime());
		compare(fields, "idTokenSignedResponseAlg", before.idTokenSignedResponseAlg(), after.idTokenSignedResponseAlg());
		compare(fields, "accessTokenSignedResponseAlg", before.accessTokenSignedResponseAlg(),
				after.accessTokenSignedResponseAlg());
		compare(fields, "smsMonthlyBudget", before.smsMonthlyBudget(), after.smsMonthlyBudget());
		boolean smsChanged = before.mfa().sms() != after.mfa().sms();
		List<String> mfa = new ArrayList<>();
		Application.Mfa was = before.mfa();
		Application.Mfa now = after.mfa();
		// Turning the older switch on or off moves mfa.required; the switch already says so.
		if (!smsChanged) {
			compare(mfa, "mfa.required", was.required(), now.required());
		}
		compare(mfa, "mfa.factors", was.factors(), now.factors());
		compare(mfa, "mfa.reauthenticateAfter", was.reauthenticateAfter(), now.reauthenticateAfter());
		compare(mfa, "mfa.rememberDeviceDays", was.rememberDeviceDays(), now.rememberDeviceDays());
		compare(mfa, "mfa.enrollment", was.enrollment(), now.enrollment());
		return new ApplicationChanges(smsChanged, now.sms(), List.copyOf(mfa), List.copyOf(fields));
	}

	static String smsSwitch(boolean on) {
		return "sms: " + (on ? "on" : "off");
	}

	/** The sign-in policy changed: it decides who gets a second factor, so it has an event of its own. */
	boolean mfaChanged() {
		return smsChanged || !mfaFields.isEmpty();
	}

	/** "sms: off", "changed: mfa.rememberDeviceDays", or both ("sms: on; changed: mfa.factors"). */
	String mfaDetails() {
		String fields = "changed: " + String.join(", ", mfaFields);
		if (!smsChanged) {
			return fields;
		}
		return mfaFields.isEmpty() ? smsSwitch(smsNow) : smsSwitch(smsNow) + "; " + fields;
	}

	/**
	 * An update is recorded as APPLICATION_UPDATED unless the sign-in policy was the only change; an
	 * update that changed nothing is still recorded (someone did submit it).
	 */
	boolean recordAsUpdate() {
		return !otherFields.isEmpty() || !mfaChanged();
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
