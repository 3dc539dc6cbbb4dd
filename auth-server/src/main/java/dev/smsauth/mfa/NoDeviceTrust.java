package dev.smsauth.mfa;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The fallback when no {@link DeviceTrust} bean exists: no browser is known or remembered, so
 * {@code new-device} and {@code rememberDeviceDays} always ask (the safe side). Not a bean itself:
 * the users take an {@link ObjectProvider} and fall back to {@link #INSTANCE}, so a real
 * implementation from the {@code device} package needs no ordering or conditional to replace it.
 */
public final class NoDeviceTrust implements DeviceTrust {

	public static final DeviceTrust INSTANCE = new NoDeviceTrust();

	private NoDeviceTrust() {
	}

	static DeviceTrust from(ObjectProvider<DeviceTrust> provider) {
		return provider.getIfAvailable(() -> INSTANCE);
	}

	@Override
	public boolean isKnown(HttpServletRequest request, String userId) {
		return false;
	}

	@Override
	public boolean isRemembered(HttpServletRequest request, String userId, Duration maxAge) {
		return false;
	}

	@Override
	public void secondFactorProven(HttpServletRequest request, HttpServletResponse response, String userId,
			boolean remember) {
		// Nothing to remember without a device store.
	}

}
