package dev.smsauth.mfa;

/**
 * Known and remembered browsers of a user, the seam the sign-in policy asks before it requires a
 * second factor (implemented in {@code device}). A device is a browser's random device cookie
 * together with a user: a browser used by two people is two devices, and what one user's device
 * is worth says nothing about another user.
 */
public interface DeviceTrust {

	/** This browser completed a second factor for userId before (not revoked). */
	boolean isKnown(jakarta.servlet.http.HttpServletRequest request, String userId);

	/** userId ticked "Remember this device" in this browser, and its last second factor here is within maxAge (not revoked). */
	boolean isRemembered(jakarta.servlet.http.HttpServletRequest request, String userId, java.time.Duration maxAge);

	/** A second factor was just proven in this browser; remember = the checkbox was ticked; may set a cookie. */
	void secondFactorProven(jakarta.servlet.http.HttpServletRequest request,
			jakarta.servlet.http.HttpServletResponse response, String userId, boolean remember);

}
