package dev.smsauth.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With --jfr: one flight recording of the server per scenario, covering just its measured window
 * (started and stopped through jcmd), so the samples belong to that scenario alone.
 *
 * <p>A second recording with the same settings runs from the warm-up's start and is thrown away.
 * Why: turning JFR's events on in a warm server costs it a burst of compilation (a window that
 * started the only recording had the JIT at 27-36 % of the server's CPU after a warm-up whose
 * last three 10 s slices had it at 3 % or less: refresh 4.66 ms per operation instead of 2.04).
 * With the events already on since the warm-up, that burst falls in the warm-up, and the
 * warm-up rule waits it out; the window's own recording turns nothing new on.
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
	public void warmUpStarts() {
		if (dir == null) {
			return;
		}
		try {
			Files.createDirectories(dir);
		}
		catch (java.io.IOException ex) {
			throw new BenchException("cannot create " + dir, ex);
		}
		Jcmd.run(pid, "JFR.start", "name=" + warmUpRecording(), "settings=profile");
	}

	@Override
	public void windowStarts() {
		if (dir == null) {
			return;
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
		Jcmd.run(pid, "JFR.stop", "name=" + warmUpRecording()); // no file: its data is dropped
		out.println("JFR " + scenario + ": " + (Files.exists(file) ? file : answer.strip()));
	}

	private String warmUpRecording() {
		return "bench-" + scenario + "-warm-up";
	}

}
