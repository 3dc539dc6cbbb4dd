package dev.smsauth.mysql;

import java.util.Map;

import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two auth-server instances on one MariaDB: a node restarts in the middle of a sign-in and nothing
 * is lost. Nothing a login needs may live in one JVM's memory: sessions, SMS challenges, limits,
 * grants and signing keys are shared. One sign-in whose every request alternates between the
 * nodes is {@link RoundRobinClusterTests}.
 */
class TwoNodeTests {

	static final String REDIRECT = "https://rp.cluster.test/cb";

	static Cluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = Cluster.start();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void whenANodeRestartsMidLoginThenTheSignInCarriesOn() throws Exception {
		ManagementClient admin = new ManagementClient(cluster.node2().base(), "management-cli", Node.MANAGEMENT_SECRET);
		JsonNode app = admin.createApplication("{\"name\":\"Restart app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true}}");
		admin.createUser("restarter", "+14155550602", "restarter-password-1");
		TestBrowser browser = new TestBrowser(cluster.node1().base());
		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), REDIRECT);
		flow.authorize("openid", Map.of());
		TestBrowser.Page afterPassword = flow.signIn("restarter", "restarter-password-1");
		browser.get(afterPassword.location());
		flow.sendCode();
		String code = admin.latestCode("+14155550602");

		// Node 1 goes down after the code was sent and comes back on the same port.
		cluster.restartNode1();

		TestBrowser.Page verified = flow.verify(code);
		assertThat(verified.status()).isEqualTo(303);
		TestBrowser.Page toApp = browser.get(verified.location());
		assertThat(SignInFlow.codeIn(toApp)).isNotNull();
		JsonNode tokens = flow.exchange(SignInFlow.codeIn(toApp), app.get("clientSecret").asString());
		assertThat(SignInFlow.claims(tokens.get("id_token").asString()).get("amr").toString())
			.isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
	}

	@AfterEach
	void nodesStillUp() {
		assertThat(cluster.node1().context().isActive()).isTrue();
		assertThat(cluster.node2().context().isActive()).isTrue();
	}

}
