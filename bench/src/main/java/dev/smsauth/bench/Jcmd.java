package dev.smsauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's jcmd against the server process (GC before the idle RSS, JFR per scenario). */
final class Jcmd {

	private Jcmd() {
	}

	/** True when this JDK has jcmd (a JRE-only install does not). */
	static boolean available() {
		return Files.isExecutable(executable());
	}

	/** Runs {@code jcmd <pid> <command...>} and returns its output; failures are reported, not thrown. */
	static String run(long pid, String... command) {
		if (!available()) {
			return "jcmd not found";
		}
		List<String> line = new ArrayList<>();
		line.add(executable().toString());
		line.add(Long.toString(pid));
		line.addAll(List.of(command));
		try {
			Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
			String out = new String(jcmd.getInputStream().readAllBytes());
			if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
				jcmd.destroyForcibly();
			}
			return out;
		}
		catch (IOException ex) {
			return "jcmd failed: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	private static Path executable() {
		return Path.of(System.getProperty("java.home"), "bin", "jcmd");
	}

}
