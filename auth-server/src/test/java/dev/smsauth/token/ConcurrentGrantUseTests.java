package dev.smsauth.token;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.GrantRaces;
import dev.smsauth.support.ManagementClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * ../shared/SECURITY.md OAuth 4 and 6 under concurrency, on H2: {@link GrantRaces#RACERS} requests
 * with one refresh token or one code at the same instant; one wins, the rest are a reuse.
 */
@AuthServerTest
class ConcurrentGrantUseTests {

	@LocalServerPort
	int port;

	@Test
	void whenFiftyRefreshesWithOneTokenRaceThenOneWinsTheRestGetInvalidGrantAndTheWholeGrantIsRevoked() throws Exception {
		String base = "http://localhost:" + port;
		GrantRaces.refreshRace(GrantRaces.signedIn(base, new ManagementClient(base), "refresh-racer"), base);
	}

	@Test
	void whenOneCodeIsRedeemedFiftyTimesAtOnceThenOneWinsTheRestGetInvalidGrantAndItsTokensAreRevoked() throws Exception {
		String base = "http://localhost:" + port;
		GrantRaces.codeRace(GrantRaces.signedIn(base, new ManagementClient(base), "code-racer"), base);
	}

}
