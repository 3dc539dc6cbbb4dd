package dev.smsauth.device;

import java.util.List;

import dev.smsauth.user.UserService;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Management API for a user's known and remembered devices. An unknown user, an unknown device, or
 * a device of another user is a 404 problem document (api.ApiExceptionHandler).
 */
@RestController
@RequestMapping("/api/v1/users/{userId}/devices")
class DeviceController {

	private final Devices devices;

	private final UserService users;

	DeviceController(Devices devices, UserService users) {
		this.devices = devices;
		this.users = users;
	}

	@GetMapping
	List<DeviceResource> list(@PathVariable String userId) {
		users.get(userId);
		return devices.list(userId).stream().map(DeviceResource::of).toList();
	}

	@DeleteMapping("/{deviceId}")
	ResponseEntity<Void> revoke(@PathVariable String userId, @PathVariable String deviceId) {
		users.get(userId);
		devices.revoke(userId, deviceId, "by an administrator");
		return ResponseEntity.noContent().build();
	}

}
