package dev.smsauth.observability;

import java.util.List;
import java.util.UUID;

import dev.smsauth.support.Api;
import dev.smsauth.support.StartedServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code management.server.port}, Actuator moves to its own port and keeps its rules there. */
class ManagementPortTests {

	@Test
	void whenManagementPortSetThenActuatorOnlyThereAndPrometheusStillNeedsAToken() {
		try (StartedServer server = StartedServer.start(List.of(), "--management.server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:mgmt-port-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
			String management = "http://localhost" + ":"
					+ server.context().getEnvironment().getProperty("local.management.port");
			Api api = Api.management(server.base());
			String token = api.token();

			assertThat(api.send("GET", management + "/actuator/health/readiness", null, null, null).status()).isEqualTo(200);
			assertThat(api.send("GET", management + "/actuator/prometheus", null, null, null).status()).isEqualTo(401);
			assertThat(api.send("GET", management + "/actuator/prometheus", token, null, null).status()).isEqualTo(200);
			assertThat(api.send("GET", "/actuator/prometheus", token, null, null).status())
				.as("not on the public port any more")
				.isNotEqualTo(200);
		}
	}

}
