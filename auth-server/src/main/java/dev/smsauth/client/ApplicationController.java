package dev.smsauth.client;

import java.net.URI;
import java.util.List;

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

/** Management API for applications (../shared/CONTRACT.md). */
@RestController
@RequestMapping("/api/v1/applications")
class ApplicationController {

	private final ApplicationService applications;

	ApplicationController(ApplicationService applications) {
		this.applications = applications;
	}

	@PostMapping
	ResponseEntity<ApplicationResource> create(@RequestBody ApplicationRequest request) {
		Application created = applications.create(request.toNewApplication());
		return ResponseEntity.created(URI.create("/api/v1/applications/" + created.clientId()))
			.header("Cache-Control", "no-store")
			.body(ApplicationResource.of(created));
	}

	@GetMapping
	List<ApplicationResource> list(@RequestParam(name = "offset", defaultValue = "0") int offset,
			@RequestParam(name = "limit", defaultValue = "50") int limit) {
		return applications.list(Math.max(0, offset), Math.min(Math.max(1, limit), 200))
			.stream()
			.map(ApplicationResource::of)
			.toList();
	}

	@GetMapping("/{clientId}")
	ApplicationResource get(@PathVariable String clientId) {
		return ApplicationResource.of(applications.get(clientId));
	}

	@PatchMapping("/{clientId}")
	ApplicationResource update(@PathVariable String clientId, @RequestBody JsonNode request) {
		return ApplicationResource.of(applications.update(clientId, ApplicationPatchRequest.read(request)));
	}

	@PostMapping("/{clientId}/secret")
	ResponseEntity<ApplicationResource> rotateSecret(@PathVariable String clientId) {
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(ApplicationResource.of(applications.rotateSecret(clientId)));
	}

	@DeleteMapping("/{clientId}")
	ResponseEntity<Void> delete(@PathVariable String clientId) {
		applications.delete(clientId);
		return ResponseEntity.noContent().build();
	}

}
