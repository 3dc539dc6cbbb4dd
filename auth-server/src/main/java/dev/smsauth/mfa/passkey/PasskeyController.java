package dev.smsauth.mfa.passkey;

import java.util.List;

import dev.smsauth.user.UserService;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Management API for a user's passkeys, as for devices (device.DeviceController): an unknown user,
 * an unknown passkey, or a passkey of another user is a 404 problem document
 * (api.ApiExceptionHandler).
 */
@RestController
@RequestMapping("/api/v1/users/{userId}/passkeys")
class PasskeyController {

	private final Passkeys passkeys;

	private final UserService users;

	PasskeyController(Passkeys passkeys, UserService users) {
		this.passkeys = passkeys;
		this.users = users;
	}

	@GetMapping
	List<PasskeyResource> list(@PathVariable String userId) {
		users.get(userId);
		return passkeys.list(userId).stream().map(PasskeyResource::of).toList();
	}

	@DeleteMapping("/{passkeyId}")
	ResponseEntity<Void> remove(@PathVariable String userId, @PathVariable String passkeyId) {
		users.get(userId);
		passkeys.removeOrNotFound(userId, passkeyId, "by an administrator");
		return ResponseEntity.noContent().build();
	}

}
