package dev.smsauth.user;

import java.net.URI;
import java.util.List;

import dev.smsauth.user.AuthenticatorApps;

import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Management API for users (../shared/CONTRACT.md). Answers never carry a password or its hash. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

	private final UserService users;

	private final AuthenticatorApps authenticatorApps;

	UserController(UserService users, AuthenticatorApps authenticatorApps) {
		this.users = users;
		this.authenticatorApps = authenticatorApps;
	}

	@PostMapping
	ResponseEntity<UserResource> create(@RequestBody NewUser request) {
		UserAccount created = users.create(request);
		return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(resource(created));
	}

	@GetMapping
	List<UserResource> list(@RequestParam(name = "offset", defaultValue = "0") int offset,
			@RequestParam(name = "limit", defaultValue = "50") int limit) {
		return users.list(Math.max(0, offset), Math.min(Math.max(1, limit), 200)).stream().map(this::resource).toList();
	}

	@GetMapping("/{id}")
	UserResource get(@PathVariable String id) {
		return resource(users.get(id));
	}

	@PatchMapping("/{id}")
	UserResource update(@PathVariable String id, @RequestBody JsonNode patch) {
		return resource(users.update(id, UserPatchRequest.read(patch)));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		users.delete(id);
		return ResponseEntity.noContent().build();
	}

	private UserResource resource(UserAccount user) {
		return UserResource.of(user, authenticatorApps.isSetUp(user.id()));
	}

}
