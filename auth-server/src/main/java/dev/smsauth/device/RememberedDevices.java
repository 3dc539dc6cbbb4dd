package dev.smsauth.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import dev.smsauth.audit.PendingAuthorization;
import dev.smsauth.mfa.DeviceTrust;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * {@link DeviceTrust} on the device cookie and table {@code user_device}. The cookie alone proves
 * nothing: its token is hashed and looked up together with the user, so a forged or unknown token,
 * another user's token, or the token of a revoked (deleted) row is simply not known. Everything
 * lives in the database, so any node answers alike.
 *
 * <p>The upsert is race-safe without a lock: update the row; if there was none, insert; if the
 * insert loses to another node or thread (unique key on token hash and user), update instead.
 * Exactly one caller creates the row, and only that one may announce a new device.
 */
@Component
@EnableConfigurationProperties(DeviceProperties.class)
class RememberedDevices implements DeviceTrust {

	/** Longest IPv6 text; a proxy header never gets here (the TCP peer only, as the audit trail). */
	private static final int MAX_IP = 45;

	private final DeviceRepository devices;

	private final DeviceCookie cookie;

	private final Clock clock;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	RememberedDevices(DeviceRepository devices, DeviceCookie cookie, Clock clock, AuditLog audit,
			ApplicationEventPublisher events) {
		this.devices = devices;
		this.cookie = cookie;
		this.clock = clock;
		this.audit = audit;
		this.events = events;
	}

	@Override
	public boolean isKnown(HttpServletRequest request, String userId) {
		Optional<Device> device = lookUp(request, userId);
		device.ifPresent(d -> devices.used(d.id(), clock.instant()));
		return device.isPresent();
	}

	@Override
	public boolean isRemembered(HttpServletRequest request, String userId, Duration maxAge) {
		if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
			return false;
		}
		Instant now = clock.instant();
		Optional<Device> device = lookUp(request, userId)
			.filter(Device::remembered)
			.filter(d -> !now.isAfter(d.lastSecondFactorAt().plus(maxAge)));
		device.ifPresent(d -> devices.used(d.id(), now));
		return device.isPresent();
	}

	@Override
	public void secondFactorProven(HttpServletRequest request, HttpServletResponse response, String userId,
			boolean remember) {
		String token = cookie.token(request).orElseGet(DeviceToken::generate);
		// Written every time, so the year counts from the last second factor, not the first.
		cookie.write(response, token);
		String hash = DeviceToken.hash(token);
		Instant now = clock.instant();
		String browser = BrowserSummary.of(request.getHeader("User-Agent"));
		String ip = ip(request);
		Optional<Device> before = devices.find(hash, userId);
		boolean created = false;
		if (before.isEmpty()) {
			try {
				devices.insert(UUID.randomUUID().toString(), userId, hash, remember, now, browser, ip);
				created = true;
			}
			catch (DuplicateKeyException ex) {
				// Another node or thread inserted this browser for this user a moment ago: ours is an update.
			}
		}
		if (!created) {
			devices.secondFactorAgain(userId, hash, remember, now, browser, ip);
		}
		if (remember && before.map(d -> !d.remembered()).orElse(true)) {
			audit.record(AuditEventType.DEVICE_REMEMBERED, userId, PendingAuthorization.clientId(), browser);
		}
		if (created && devices.hasOthers(userId, hash)) {
			events.publishEvent(new NewDeviceSignIn(userId, browser, now));
		}
	}

	private Optional<Device> lookUp(HttpServletRequest request, String userId) {
		if (userId == null) {
			return Optional.empty();
		}
		return cookie.token(request).flatMap(token -> devices.find(DeviceToken.hash(token), userId));
	}

	private static String ip(HttpServletRequest request) {
		String ip = request.getRemoteAddr();
		return ip == null || ip.length() <= MAX_IP ? ip : ip.substring(0, MAX_IP);
	}

}
