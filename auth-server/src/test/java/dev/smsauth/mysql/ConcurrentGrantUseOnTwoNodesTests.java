package dev.smsauth.mysql;

import dev.smsauth.support.GrantRaces;
import dev.smsauth.support.ManagementClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ../shared/SECURITY.md OAuth 4 and 6 under concurrency on the real MariaDB, with the racing
 * requests split between two nodes, as a load balancer would spread a client's retries: one wins,
 * the rest get 400 {@code invalid_grant} (never a 500), and the whole grant is revoked everywhere.
 */
class ConcurrentGrantUseOnTwoNodesTests {

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

	ManagementClient admin() {
		return new ManagementClient(cluster.node1().base(), "management-cli", Node.MANAGEMENT_SECRET);
	}

	@Test
	void whenFiftyRefreshesWithOneTokenRaceOnTwoNodesThenOneWinsTheRestGetInvalidGrantAndTheGrantIsRevoked()
			throws Exception {
		GrantRaces.refreshRace(GrantRaces.signedIn(cluster.node1().base(), admin(), "refresh-racer"),
				cluster.node1().base(), cluster.node2().base());
	}

	@Test
	void whenOneCodeIsRedeemedFiftyTimesAtOnceOnTwoNodesThenOneWinsTheRestGetInvalidGrantAndItsTokensAreRevoked()
			throws Exception {
		GrantRaces.codeRace(GrantRaces.signedIn(cluster.node1().base(), admin(), "code-racer"),
				cluster.node1().base(), cluster.node2().base());
	}

}
