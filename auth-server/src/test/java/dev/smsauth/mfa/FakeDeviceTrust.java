package dev.smsauth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A stand-in for the {@code device} package's store: a random id in a cookie per browser, and per
 * (browser, user) when the last second factor was proven there and whether "Remember this device"
 * was ticked. Enough to drive the policy's new-device and remembered-device rules through pages.
 */
public final class FakeDeviceTrust implements DeviceTrust {

	static final String COOKIE = "test-device";

	private final Clock clock;

	private final Map<String, Proof> proofs = new ConcurrentHashMap<>();

	FakeDeviceTrust(Clock clock) {
		this.clock = clock;
	}

	@Override
	public boolean isKnown(HttpServletRequest request, String userId) {
		String device = device(request);
		return device != null && proofs.containsKey(device + "/" + userId);
	}

	@Override
	public boolean isRemembered(HttpServletRequest request, String userId, Duration maxAge) {
		String device = device(request);
		Proof proof = device == null ? null : proofs.get(device + "/" + userId);
		return proof != null && proof.remember() && !proof.at().plus(maxAge).isBefore(clock.instant());
	}

	@Override
	public void secondFactorProven(HttpServletRequest request, HttpServletResponse response, String userId,
			boolean remember) {
		String device = device(request);
		if (device == null) {
			device = UUID.randomUUID().toString();
			Cookie cookie = new Cookie(COOKIE, device);
			cookie.setPath("/");
			cookie.setHttpOnly(true);
			response.addCookie(cookie);
		}
		proofs.put(device + "/" + userId, new Proof(clock.instant(), remember));
	}

	private static String device(HttpServletRequest request) {
		if (request.getCookies() == null) {
			return null;
		}
		for (Cookie cookie : request.getCookies()) {
			if (COOKIE.equals(cookie.getName())) {
				return cookie.getValue();
			}
		}
		return null;
	}

	private record Proof(Instant at, boolean remember) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		DeviceTrust fakeDeviceTrust(Clock clock) {
			return new FakeDeviceTrust(clock);
		}

	}

}
