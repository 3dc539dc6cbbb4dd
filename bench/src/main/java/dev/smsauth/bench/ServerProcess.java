package dev.smsauth.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged auth-server running as a process of its own ({@code java -jar}), so that its CPU
 * time and memory can be read from the operating system apart from the load generator's.
 */
final class ServerProcess implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;

	private final int port;

	private final Path log;

	private final Duration startToReady;

	private ServerProcess(Process process, int port, Path log, Duration startToReady) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.startToReady = startToReady;
	}

	/**
	 * Starts {@code java [jvmArgs] -jar jar [appArgs]} in {@code workDir} (the embedded default keeps
	 * its H2 file in ./data there) and waits until the readiness probe answers 200.
	 */
	static ServerProcess start(Path jar, Path workDir, List<String> jvmArgs, List<String> appArgs,
			Map<String, String> env) throws IOException, InterruptedException {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmArgs);
		command.add("-jar");
		command.add(jar.toAbsolutePath().toString());
		command.add("--server.port=" + port);
		// As a deployment runs it (README: "set it in production"): with no issuer configured the
		// framework builds one from every request's URL, a cost no production server pays. localhost,
		// not 127.0.0.1: passkeys accept plain http on localhost only. The benchmark reads endpoints by
		// path, so its requests to 127.0.0.1 are unaffected.
		if (appArgs.stream().noneMatch(arg -> arg.startsWith("--auth.issuer="))) {
			command.add("--auth.issuer=http://localhost:" + port);
		}
		// Behind a load balancer, as deployed: the client's address comes from X-Forwarded-For, which
		// Tomcat trusts from loopback (Browser gives each sign-in an address of its own).
		if (appArgs.stream().noneMatch(arg -> arg.startsWith("--server.forward-headers-strategy="))) {
			command.add("--server.forward-headers-strategy=native");
		}
		command.addAll(appArgs);
		Path log = workDir.resolve("server.log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(env);
		long started = System.nanoTime();
		Process process = builder.start();
		// If the benchmark is stopped (Ctrl-C), the server must not outlive it.
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-auth-server-" + process.pid()));
		ServerProcess server = null;
		try {
			Duration ready = awaitReady(process, port, started, log);
			server = new ServerProcess(process, port, log, ready);
			return server;
		}
		finally {
			if (server == null) {
				process.destroyForcibly();
			}
		}
	}

	private static Duration awaitReady(Process process, int port, long started, Path log) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = started + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("auth-server exited with " + process.exitValue() + " before it was ready; log: "
						+ log + "\n" + tail(log));
			}
			try {
				if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return Duration.ofNanos(System.nanoTime() - started);
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(25); // polling the probe; the resolution of start-to-ready is this interval
		}
		throw new IllegalStateException("auth-server was not ready within " + READY_TIMEOUT + "; log: " + log + "\n" + tail(log));
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	long pid() {
		return process.pid();
	}

	Duration startToReady() {
		return startToReady;
	}

	Path log() {
		return log;
	}

	/** User plus system CPU time of the whole server process (every thread, GC and JIT included). */
	long cpuNanos() {
		return ProcStat.cpuNanos(process.pid())
			.orElseGet(() -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L));
	}

	/** VmRSS of the server process in kB, or -1 where /proc is not available. */
	long residentKb() {
		return ProcStat.residentKb(process.pid());
	}

	/** Asks the server JVM for a full GC (jcmd), so the idle RSS is read after garbage is gone. */
	void requestGc() {
		Jcmd.run(process.pid(), "GC.run");
	}

	@Override
	public void close() {
		process.destroy(); // SIGTERM: Spring Boot shuts down gracefully and H2 closes its file
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** The java of the JVM running the benchmark, so the server runs on the same JDK. */
	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
