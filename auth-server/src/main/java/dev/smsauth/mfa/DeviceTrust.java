package dev.smsauth.mfa;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the second-factor rules need to know about this browser: has it completed a second factor
 * for this user before ("known", for {@code required: new-device}), and did the user ask it to be
 * remembered ({@code rememberDeviceDays}). Implemented by the {@code device} package (cookie and
 * table); without one, {@link NoDeviceTrust} knows no browser, so every rule asks.
 */
public interface DeviceTrust {

	/** This browser completed a second factor for userId before (not revoked). */
	boolean isKnown(HttpServletRequest request, String userId);

	/**
	 * userId ticked "Remember this device" in this browser, and its last second factor here is within
	 * maxAge (not revoked).
	 */
	boolean isRemembered(HttpServletRequest request, String userId, Duration maxAge);

	/** A second factor was just proven in this browser; remember = the checkbox was ticked; may set a cookie. */
	void secondFactorProven(HttpServletRequest request, HttpServletResponse response, String userId, boolean remember);

}
