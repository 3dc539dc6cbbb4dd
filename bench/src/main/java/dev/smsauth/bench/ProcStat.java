package dev.smsauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads a process's CPU time and resident memory from Linux's /proc. */
final class ProcStat {

	/** Clock ticks per second of utime/stime; 100 on every Linux we run on, asked once anyway. */
	private static final long TICKS_PER_SECOND = clockTicks();

	private ProcStat() {
	}

	/** utime + stime of {@code /proc/<pid>/stat}, in nanoseconds. */
	static Optional<Long> cpuNanos(long pid) {
		return cpuNanos(Path.of("/proc", Long.toString(pid), "stat"));
	}

	/** utime + stime of one thread, {@code /proc/<pid>/task/<tid>/stat}, in nanoseconds. */
	static Optional<Long> threadCpuNanos(long pid, long tid) {
		return cpuNanos(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "stat"));
	}

	private static Optional<Long> cpuNanos(Path statFile) {
		try {
			String stat = Files.readString(statFile);
			// The command name (field 2) may hold spaces; the fields after its ')' are fixed.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of stat(5)
			return Optional.of(ticks * 1_000_000_000L / TICKS_PER_SECOND);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** VmRSS of {@code /proc/<pid>/status} in kB, or -1. */
	static long residentKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or the process is gone
		}
		return -1;
	}

	/** The pid of the first process whose /proc/<pid>/comm is {@code name} (e.g. mariadbd), if any. */
	static Optional<Long> pidOf(String name) {
		try (var dirs = Files.list(Path.of("/proc"))) {
			return dirs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
				try {
					return Files.readString(p.resolve("comm")).strip().equals(name);
				}
				catch (IOException ex) {
					return false;
				}
			}).map(p -> Long.parseLong(p.getFileName().toString())).findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(getconf.getInputStream().readAllBytes()).strip();
			getconf.waitFor(5, TimeUnit.SECONDS);
			return Long.parseLong(out);
		}
		catch (IOException | RuntimeException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
