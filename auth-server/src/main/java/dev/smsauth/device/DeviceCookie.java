package dev.smsauth.device;

import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the device cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Lax},
 * path {@code /}, about a year. Where it is {@code Secure} it is also named with the
 * {@code __Host-} prefix, so a sibling subdomain can not plant a token it knows in the browser
 * (cookie tossing) and later sign in as that "remembered" device with a stolen password.
 */
@Component
class DeviceCookie {

	static final String NAME = "SMSAUTH_DEVICE";

	static final String SECURE_NAME = "__Host-" + NAME;

	private final DeviceProperties properties;

	DeviceCookie(DeviceProperties properties) {
		this.properties = properties;
	}

	String name() {
		return properties.secureCookie() ? SECURE_NAME : NAME;
	}

	/** The well-formed device token this browser sent, if any; a malformed value counts as none. */
	Optional<String> token(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		String name = name();
		for (Cookie cookie : cookies) {
			if (name.equals(cookie.getName()) && DeviceToken.isWellFormed(cookie.getValue())) {
				return Optional.of(cookie.getValue());
			}
		}
		return Optional.empty();
	}

	void write(HttpServletResponse response, String token) {
		ResponseCookie cookie = ResponseCookie.from(name(), token)
			.httpOnly(true)
			.secure(properties.secureCookie())
			.sameSite("Lax")
			.path("/")
			.maxAge(properties.cookieMaxAge())
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

}
