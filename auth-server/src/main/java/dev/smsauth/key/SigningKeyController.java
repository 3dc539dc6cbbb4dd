package dev.smsauth.key;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Management API for signing keys: list them, rotate. Never shows private parts. */
@RestController
@RequestMapping("/api/v1/signing-keys")
class SigningKeyController {

	private final KeyRotation rotation;

	SigningKeyController(KeyRotation rotation) {
		this.rotation = rotation;
	}

	@GetMapping
	List<SigningKeyInfo> list() {
		return rotation.list();
	}

	/** 202: the new key is published now and signs from its {@code activatesAt}. */
	@PostMapping("/rotate")
	ResponseEntity<SigningKeyInfo> rotate() {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(rotation.rotate());
	}

}
