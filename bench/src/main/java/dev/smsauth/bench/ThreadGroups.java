package dev.smsauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The server's CPU time split by kind of thread, from /proc/<pid>/task/<tid>/stat: request
 * threads, JIT compilers, garbage collection, the rest. It answers what execution samples cannot:
 * how much of a scenario's CPU per operation is the JIT still compiling or the collector.
 */
final class ThreadGroups {

	private ThreadGroups() {
	}

	/** CPU nanoseconds per group, summed over the process's live threads (empty where there is no /proc). */
	static Map<String, Long> cpuNanos(long pid) {
		Map<String, Long> groups = new HashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			tasks.forEach(task -> {
				try {
					String comm = Files.readString(task.resolve("comm")).strip();
					long tid = Long.parseLong(task.getFileName().toString());
					ProcStat.threadCpuNanos(pid, tid).ifPresent(nanos -> groups.merge(group(comm), nanos, Long::sum));
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended while we looked
				}
			});
		}
		catch (IOException ex) {
			return Map.of();
		}
		return groups;
	}

	/** Linux truncates thread names to 15 characters: "C2 CompilerThre", "http-nio-127.0.". */
	static String group(String comm) {
		// Tomcat's (ours), and Quarkus's: Keycloak serves on Vert.x event loops and executor threads.
		if (comm.startsWith("http-nio") || comm.startsWith("https-jsse") || comm.startsWith("tomcat")
				|| comm.startsWith("executor-thread") || comm.startsWith("vert.x-eventloo") || comm.startsWith("vert.x-worker")) {
			return "requests";
		}
		if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
			return "JIT";
		}
		if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")
				|| comm.startsWith("VM Periodic")) {
			return "GC+VM";
		}
		if (comm.startsWith("JFR") || comm.startsWith("Attach")) {
			return "JFR";
		}
		return "other";
	}

	/** One group's share, in percent, of the CPU used between two readings; NaN when none was used or read. */
	static double percent(String group, Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> used = used(before, after);
		long total = total(used);
		return total == 0 ? Double.NaN : 100.0 * used.getOrDefault(group, 0L) / total;
	}

	/** Each group's share of the CPU used between two readings, e.g. "requests 71%, JIT 20%, GC+VM 6%, other 3%". */
	static String shares(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> used = used(before, after);
		long total = total(used);
		if (total == 0) {
			return "";
		}
		return used.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total))
			.collect(Collectors.joining(", "));
	}

	/** CPU nanoseconds each group used between two readings (a thread that ended counts nothing). */
	private static Map<String, Long> used(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> used = new LinkedHashMap<>();
		after.forEach((group, nanos) -> used.put(group, Math.max(0, nanos - before.getOrDefault(group, 0L))));
		return used;
	}

	private static long total(Map<String, Long> used) {
		return used.values().stream().mapToLong(Long::longValue).sum();
	}

}
