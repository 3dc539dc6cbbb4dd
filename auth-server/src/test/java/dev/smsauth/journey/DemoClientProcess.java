package dev.smsauth.journey;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The packaged demo relying party, started as its own process exactly as a user runs it, pointed
 * at the auth server under test and at an application registered by the test.
 */
final class DemoClientProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private DemoClientProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static DemoClientProcess startOnPort(String issuer, String clientId, String clientSecret, int port, Path log)
			throws IOException {
		String jar = System.getProperty("demoClientJar");
		if (jar == null || !new File(jar).isFile()) {
			throw new IllegalStateException("demo-client jar not found at " + jar
					+ "; run the build from the root (./mvnw verify) so demo-client is packaged first");
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(List.of(java, "-jar", jar, "--server.port=" + port,
				"--demo.issuer=" + issuer, "--demo.client-id=" + clientId, "--demo.client-secret=" + clientSecret))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		DemoClientProcess demo = new DemoClientProcess(process, port);
		demo.awaitUp();
		return demo;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	String base() {
		return "http://localhost:" + port;
	}

	private void awaitUp() throws IOException {
		HttpClient http = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("demo-client exited with " + process.exitValue());
			}
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			try {
				Thread.sleep(250); // polling a process start-up, not timing a test
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}
		throw new IllegalStateException("demo-client did not start within 60 s");
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
