package dev.smsauth.hostile;

import java.util.List;

import dev.smsauth.support.ManagementClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by {@link ConsolePropertyTests}: a blank application id in a URL ({@code %20}) reached
 * the framework's client repository, whose assertion made it a 500. It is a 404 like any unknown id.
 */
class BlankIdTests {

	@Test
	void whenApplicationIdIsBlankThenApi404Problem() {
		ManagementClient api = HostileServer.management();
		for (String method : List.of("GET", "DELETE")) {
			ManagementClient.Response answer = api.call(method, "/api/v1/applications/%20", null);
			assertThat(answer.status()).as(method).isEqualTo(404);
			assertThat(answer.contentType()).startsWith("application/problem+json");
		}
		ManagementClient.Response patch = api.call("PATCH", "/api/v1/applications/%20%09", "{\"mfa\":{\"sms\":false}}");
		assertThat(patch.status()).isEqualTo(404);
	}

	@Test
	void whenApplicationOrUserIdIsBlankThenConsole404Page() {
		Http admin = HostileServer.administrator();
		for (String path : List.of("/console/applications/%20", "/console/applications/%20/delete",
				"/console/applications/%20/rotate-secret", "/console/users/%20", "/console/users/%20/delete")) {
			Http.Reply page = admin.get(path);
			assertThat(page.status()).as(path).isEqualTo(404);
			Hostile.assertSafe(page, path);
		}
	}

}
