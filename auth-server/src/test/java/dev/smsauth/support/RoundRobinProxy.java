package dev.smsauth.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain round-robin reverse proxy on 127.0.0.1 that sends every request to the next node in
 * turn, the way a load balancer without sticky sessions breaks a sign-in apart: request by
 * request, not person by person. Redirects that name a node are rewritten to the proxy (what
 * nginx's {@code proxy_redirect} does), so the browser keeps talking to the proxy. It counts which
 * node served how many requests, so a test can show that both really took part.
 */
public final class RoundRobinProxy implements AutoCloseable {

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
			"transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

	private final HttpServer server;

	private final ExecutorService workers = Executors.newFixedThreadPool(128);

	private final List<String> nodes;

	private final AtomicLong next = new AtomicLong();

	private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

	private final Map<String, String> lastNodeByPath = new ConcurrentHashMap<>();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newFixedThreadPool(16))
		.build();

	private RoundRobinProxy(List<String> nodes, int port) throws IOException {
		this.nodes = List.copyOf(nodes);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
		this.server.createContext("/", this::forward);
		this.server.setExecutor(workers);
		this.server.start();
	}

	/** Starts a proxy in front of {@code nodes} (base URLs such as {@code http://localhost:8081}). */
	public static RoundRobinProxy start(List<String> nodes) {
		return start(nodes, 0);
	}

	/**
	 * Starts a proxy on {@code port}: chosen before the nodes start when they must know it, as an
	 * issuer that is the balancer's address.
	 */
	public static RoundRobinProxy start(List<String> nodes, int port) {
		try {
			return new RoundRobinProxy(nodes, port);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String base() {
		return "http://localhost:" + server.getAddress().getPort();
	}

	/** How many requests each node served so far. */
	public Map<String, Integer> served() {
		Map<String, Integer> counts = new java.util.TreeMap<>();
		served.forEach((node, count) -> counts.put(node, count.get()));
		return counts;
	}

	/** The node that served the latest request for {@code path} (no query). */
	public String lastNodeFor(String path) {
		return lastNodeByPath.get(path);
	}

	/**
	 * Makes the next request go to another node than {@code node}: a test that wants a claim
	 * checked on "the node that did not start the flow" says so instead of counting requests.
	 */
	public void nextRequestNotTo(String node) {
		synchronized (next) {
			if (nodes.get((int) (next.get() % nodes.size())).equals(node)) {
				next.incrementAndGet();
			}
		}
	}

	private void forward(HttpExchange exchange) throws IOException {
		String node;
		synchronized (next) {
			node = nodes.get((int) (next.getAndIncrement() % nodes.size()));
		}
		served.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
		lastNodeByPath.put(exchange.getRequestURI().getPath(), node);
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + exchange.getRequestURI()))
				.timeout(Duration.ofSeconds(60))
				.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofByteArray(body));
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach(value -> request.header(name, value));
				}
			});
			HttpResponse<byte[]> answer;
			try {
				answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			answer.headers().map().forEach((name, values) -> {
				String lower = name.toLowerCase(Locale.ROOT);
				if (HOP_BY_HOP.contains(lower) || lower.equals(":status")) {
					return;
				}
				for (String value : values) {
					exchange.getResponseHeaders().add(name, lower.equals("location") ? toProxy(value) : value);
				}
			});
			// One connection per request: the JDK server drops idle connections beyond its own limit
			// (a few hundred), and a client that reuses one of those sees no answer at all.
			exchange.getResponseHeaders().set("Connection", "close");
			byte[] payload = answer.body();
			boolean empty = payload.length == 0 || "HEAD".equals(exchange.getRequestMethod())
					|| answer.statusCode() == 204 || answer.statusCode() == 304;
			exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : payload.length);
			if (!empty) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(payload);
				}
			}
		}
	}

	private String toProxy(String location) {
		for (String node : nodes) {
			if (location.startsWith(node)) {
				return base() + location.substring(node.length());
			}
		}
		return location;
	}

	@Override
	public void close() {
		server.stop(0);
		workers.shutdownNow();
	}

}
