package dev.smsauth.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The real nginx (Debian's package, /usr/sbin/nginx) checks and runs infra/compose/nginx.conf,
 * with the upstreams auth-1:9000 and auth-2:9000 pointed at two fake auth servers on 127.0.0.1
 * and the log, pid and listen settings moved into a temporary folder. Skipped when nginx is not
 * installed, except in CI (CI set), where that is a failure.
 */
class NginxConfigTests {

	static final Path NGINX = Path.of("/usr/sbin/nginx");

	static final String HOST = "login.localhost";

	@TempDir
	Path dir;

	final List<Backend> backends = new ArrayList<>();

	Process nginx;

	int port;

	@BeforeEach
	void requireNginx() {
		if (!Files.isExecutable(NGINX)) {
			if (System.getenv("CI") != null) {
				fail("nginx is required in CI to check infra/compose/nginx.conf: apt-get install nginx");
			}
			abort(NGINX + " not found: install Debian's nginx (apt-get install nginx) to check infra/compose/nginx.conf");
		}
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (nginx != null) {
			nginx.destroy();
			if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
				nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		backends.forEach(Backend::stop);
	}

	@Test
	void whenNginxTestsTheComposeConfigThenItAcceptsIt() throws Exception {
		Path config = render(freePort(), freePort(), freePort());

		Run check = run(List.of(NGINX.toString(), "-t", "-q", "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
				"-c", config.toString(), "-g", "pid " + dir.resolve("nginx.pid") + ";"));

		assertThat(check.exitCode()).as("nginx -t said:\n" + check.output()).isZero();
	}

	@Test
	void whenNginxProxiesThenRequestsAlternateBetweenTheInstancesWithOverwrittenForwardedHeaders() throws Exception {
		start();

		List<String> servedBy = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Response response = get("/oauth2/authorize", HOST + ":" + port, Map.of("Forwarded", "for=6.6.6.6;host=evil.example;proto=https",
					"X-Forwarded-For", "6.6.6.6", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https",
					"X-Forwarded-Prefix", "/evil", "X-Forwarded-Ssl", "on"));
			assertThat(response.status()).isEqualTo(200);
			servedBy.add(response.body());
		}

		// Round robin, no stickiness: the same client alternates between the two instances.
		assertThat(servedBy).containsExactly("auth-1", "auth-2", "auth-1", "auth-2", "auth-1", "auth-2");
		for (Backend backend : backends) {
			assertThat(backend.requests).hasSize(3).allSatisfy(headers -> {
				assertThat(headers).containsEntry("host", HOST + ":" + port)
					.containsEntry("x-forwarded-host", HOST + ":" + port)
					.containsEntry("x-forwarded-proto", "http")
					.containsEntry("x-forwarded-port", String.valueOf(port))
					.containsEntry("x-forwarded-for", "127.0.0.1")
					.doesNotContainKeys("forwarded", "x-forwarded-prefix", "x-forwarded-ssl");
			});
		}
	}

	@Test
	void whenOneInstanceIsDownThenTheOtherServesEveryRequest() throws Exception {
		start();
		backends.get(1).stop();

		for (int i = 0; i < 4; i++) {
			Response response = get("/.well-known/openid-configuration", HOST + ":" + port, Map.of());
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("auth-1");
		}
	}

	@Test
	void whenAskedForActuatorOrAnotherHostThenNothingIsProxied() throws Exception {
		start();

		assertThat(get("/actuator/prometheus", HOST + ":" + port, Map.of()).status()).isEqualTo(404);
		assertThat(get("/actuator/health/liveness", HOST + ":" + port, Map.of()).status()).isEqualTo(404);
		assertThat(get("/oauth2/authorize", "evil.example", Map.of()).status()).isEqualTo(404);
		assertThat(get("/nginx-health", "127.0.0.1:" + port, Map.of())).isEqualTo(new Response(200, "ok\n"));
		assertThat(backends).allSatisfy(backend -> assertThat(backend.requests).isEmpty());
	}

	/** Two fake instances and nginx in front of them, listening on {@link #port}. */
	private void start() throws Exception {
		backends.add(Backend.start("auth-1"));
		backends.add(Backend.start("auth-2"));
		port = freePort();
		Path config = render(port, backends.get(0).port(), backends.get(1).port());
		ProcessBuilder builder = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-e",
				dir.resolve("error.log").toString(), "-c", config.toString(), "-g",
				"daemon off; pid " + dir.resolve("nginx.pid") + ";");
		builder.redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile());
		nginx = builder.start();
		Instant deadline = Instant.now().plusSeconds(10);
		while (!listening(port)) {
			if (!nginx.isAlive() || Instant.now().isAfter(deadline)) {
				fail("nginx did not start:\n" + Files.readString(dir.resolve("nginx.out"))
						+ (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
			}
			Thread.sleep(50);
		}
	}

	/**
	 * infra/compose/nginx.conf with the upstreams on 127.0.0.1, the listen port changed, logs in
	 * the temporary folder and one worker (each worker keeps its own round-robin position, so
	 * with one the order is predictable). Fails when an expected line is missing, so a changed
	 * config cannot slip past the check unrendered.
	 */
	private Path render(int listenPort, int auth1Port, int auth2Port) throws IOException {
		String config = InfraFiles.read(InfraFiles.COMPOSE.resolve("nginx.conf"));
		config = replace(config, "server auth-1:9000 ", "server 127.0.0.1:" + auth1Port + " ");
		config = replace(config, "server auth-2:9000 ", "server 127.0.0.1:" + auth2Port + " ");
		config = replace(config, "listen 8000 default_server;", "listen 127.0.0.1:" + listenPort + " default_server;");
		config = replace(config, "listen 8000;", "listen 127.0.0.1:" + listenPort + ";");
		config = replace(config, "/var/log/nginx/", dir + "/");
		config = replace(config, "worker_processes auto;", "worker_processes 1;");
		Path rendered = dir.resolve("nginx.conf");
		Files.writeString(rendered, config);
		return rendered;
	}

	private static String replace(String text, String expected, String replacement) {
		assertThat(text).as("infra/compose/nginx.conf").contains(expected);
		return text.replace(expected, replacement);
	}

	/** One HTTP/1.1 request on a fresh connection, so any Host header can be sent. */
	private Response get(String path, String host, Map<String, String> headers) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			int status = Integer.parseInt(answer.substring(9, 12));
			String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
			String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
			if (head.toLowerCase().contains("transfer-encoding: chunked")) {
				body = dechunk(body);
			}
			return new Response(status, body);
		}
	}

	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				return body.toString();
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static Run run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail(command + " did not finish in 30s");
		}
		return new Run(process.exitValue(), output);
	}

	record Run(int exitCode, String output) {
	}

	record Response(int status, String body) {
	}

	/** A fake auth-server instance: answers its own name and records each request's headers. */
	record Backend(String name, HttpServer server, List<Map<String, String>> requests) {

		static Backend start(String name) throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
			server.createContext("/", exchange -> {
				Map<String, String> headers = new LinkedHashMap<>();
				exchange.getRequestHeaders().forEach((header, values) -> headers.put(header.toLowerCase(), String.join(",", values)));
				requests.add(headers);
				byte[] body = name.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return new Backend(name, server, requests);
		}

		int port() {
			return server.getAddress().getPort();
		}

		void stop() {
			try {
				server.stop(0);
			}
			catch (IllegalStateException alreadyStopped) {
				// stopped by the test already
			}
		}

	}

}
