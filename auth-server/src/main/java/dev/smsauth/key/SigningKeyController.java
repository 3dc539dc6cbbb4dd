package dev.smsauth.key;

import java.util.List;

import dev.smsauth.api.InvalidInputException;
import dev.smsauth.client.SigningAlgorithm;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Management API for signing keys: list them, rotate (all algorithms in use, or one). Never shows private parts. */
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

	/**
	 * 202 with the new NEXT key of every algorithm in use, or only of {@code alg}: each is published
	 * now and signs from its {@code activatesAt}.
	 */
	@PostMapping("/rotate")
	ResponseEntity<List<SigningKeyInfo>> rotate(@RequestParam(name = "alg", required = false) String alg) {
		List<SigningKeyInfo> rotated = alg == null ? rotation.rotateAll()
				: List.of(rotation.rotate(SigningAlgorithm.of(alg)
					.orElseThrow(() -> new InvalidInputException("alg",
							"is not supported; use " + String.join(", ", SigningAlgorithm.names())))));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(rotated);
	}

}
