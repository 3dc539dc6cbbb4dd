package dev.smsauth.device;

import java.util.List;

import dev.smsauth.api.NotFoundException;
import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Service;

/**
 * A user's devices as people manage them: the user at {@code /account/devices}, administrators in
 * the console and the management API. Revoking deletes the row, so the browser's cookie (kept or
 * replayed) finds nothing any more; every revocation is audited.
 */
@Service
public class Devices {

	private final DeviceRepository devices;

	private final DeviceCookie cookie;

	private final AuditLog audit;

	Devices(DeviceRepository devices, DeviceCookie cookie, AuditLog audit) {
		this.devices = devices;
		this.cookie = cookie;
		this.audit = audit;
	}

	/** For administrators: no device is "this device". */
	public List<Device> list(String userId) {
		return devices.list(userId, null);
	}

	/** For the user: the browser asking is marked as the current one. */
	List<Device> listFor(HttpServletRequest request, String userId) {
		return devices.list(userId, currentHash(request));
	}

	/** Revokes one device of {@code userId}; an unknown id, or another user's, is not found. */
	public void revoke(String userId, String deviceId, String by) {
		Device device = devices.findById(userId, deviceId).orElseThrow(() -> new NotFoundException("device"));
		if (!devices.delete(userId, device.id())) {
			throw new NotFoundException("device"); // revoked by someone else in between
		}
		audit.record(AuditEventType.DEVICE_REVOKED, userId, null, device.browser() + ", " + by);
	}

	/** Every device of the user but the browser asking. */
	int revokeOthers(HttpServletRequest request, String userId) {
		int revoked = devices.deleteAllBut(userId, currentHash(request));
		if (revoked > 0) {
			audit.record(AuditEventType.DEVICE_REVOKED, userId, null, revoked + " other device(s), by the user");
		}
		return revoked;
	}

	/** Every device of the user, in the caller's transaction (an account change that ends access). */
	int revokeAll(String userId, String why) {
		int revoked = devices.deleteAllBut(userId, null);
		if (revoked > 0) {
			audit.record(AuditEventType.DEVICE_REVOKED, userId, null, "all " + revoked + " device(s), " + why);
		}
		return revoked;
	}

	private String currentHash(HttpServletRequest request) {
		return cookie.token(request).map(DeviceToken::hash).orElse(null);
	}

}
