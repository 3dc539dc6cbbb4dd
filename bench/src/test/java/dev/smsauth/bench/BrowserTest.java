package dev.smsauth.bench;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Each browser is one client address, on every request it makes, as a load balancer reports it. */
class BrowserTest {

	@Test
	void everyRequestOfOneBrowserCarriesItsAddressAndTwoBrowsersDiffer() throws Exception {
		List<String> forwardedFor = new CopyOnWriteArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			forwardedFor.add(exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		try {
			Http http = new Http("http://127.0.0.1:" + server.getAddress().getPort());
			Browser one = new Browser(http);
			Browser two = new Browser(http);

			one.get("/a");
			one.post("/b", java.util.Map.of("x", "1"));
			two.get("/a");

			assertEquals(List.of(one.clientAddress(), one.clientAddress(), two.clientAddress()), forwardedFor);
			assertNotEquals(one.clientAddress(), two.clientAddress());
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void addressesCountUpThroughTenSlashEight() {
		assertEquals("10.0.0.0", Browser.address(0));
		assertEquals("10.0.1.0", Browser.address(256));
		assertEquals("10.1.0.1", Browser.address(65_537));
		assertEquals("10.255.255.255", Browser.address(16_777_215));
	}

}
