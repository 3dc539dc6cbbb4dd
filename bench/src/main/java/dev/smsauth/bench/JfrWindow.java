package dev.smsauth.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With --jfr: one flight recording of the server per scenario, covering just its measured window
 * (started and stopped through jcmd), so the samples belong to that scenario alone.
 */
final class JfrWindow implements LoadGenerator.WindowListener {

	private final Path dir;

	private final long pid;

	private final String scenario;

	private final PrintStream out;

	JfrWindow(Path dir, long pid, String scenario, PrintStream out) {
		this.dir = dir;
		this.pid = pid;
		this.scenario = scenario;
		this.out = out;
	}

	@Override
	public void windowStarts() {
		if (dir == null) {
			return;
		}
		try {
			Files.createDirectories(dir);
		}
		catch (java.io.IOException ex) {
			throw new BenchException("cannot create " + dir, ex);
		}
		Jcmd.run(pid, "JFR.start", "name=bench-" + scenario, "settings=profile");
	}

	@Override
	public void windowEnds() {
		if (dir == null) {
			return;
		}
		Path file = dir.resolve(scenario + ".jfr").toAbsolutePath();
		String answer = Jcmd.run(pid, "JFR.stop", "name=bench-" + scenario, "filename=" + file);
		out.println("JFR " + scenario + ": " + (Files.exists(file) ? file : answer.strip()));
	}

}
