package dev.smsauth.bench.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Aggregates the CPU samples ({@code jdk.ExecutionSample}) of a JFR recording into where the time
 * goes: by category (the nearest frame on the stack that belongs to a known library, skipping
 * generic JDK frames such as HashMap or String, so a HashMap.get inside Jackson counts as JSON),
 * by self method, and inclusively for the project's and Spring's own methods.
 * Usage: {@code java -cp 'bench/target/bench.jar:bench/target/lib/*' dev.smsauth.bench.jfr.JfrHotSpots a.jfr [b.jfr...]}
 */
public final class JfrHotSpots {

	/** Package prefix → category; the first prefix that matches a frame wins, so order matters. */
	private static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

	static {
		CATEGORIES.put("org.bouncycastle.crypto.generators.Argon2", "Argon2id (password, floor)");
		// Argon2 hashes with Blake2b; nothing else in the server uses it.
		CATEGORIES.put("org.bouncycastle.crypto.digests.Blake2b", "Argon2id (password, floor)");
		CATEGORIES.put("org.bouncycastle.util.Longs", "Argon2id (password, floor)");
		CATEGORIES.put("org.bouncycastle", "BouncyCastle (other)");
		CATEGORIES.put("org.springframework.security.crypto.bcrypt", "bcrypt");
		CATEGORIES.put("sun.security.rsa", "RSA (sign/verify, floor)");
		CATEGORIES.put("java.math.", "RSA (sign/verify, floor)");
		CATEGORIES.put("sun.security.ec", "EC");
		CATEGORIES.put("sun.security.provider.SHA", "SHA digests");
		CATEGORIES.put("sun.security.provider.DigestBase", "SHA digests");
		CATEGORIES.put("sun.security.provider", "SecureRandom / JCA provider");
		CATEGORIES.put("javax.crypto", "JCA (HMAC, AES)");
		CATEGORIES.put("com.sun.crypto", "JCA (HMAC, AES)");
		CATEGORIES.put("sun.security", "JCA (other)");
		CATEGORIES.put("java.security", "JCA (other)");
		CATEGORIES.put("com.nimbusds", "Nimbus JOSE (JWT build/parse)");
		CATEGORIES.put("tools.jackson", "Jackson JSON");
		CATEGORIES.put("com.fasterxml.jackson", "Jackson JSON");
		CATEGORIES.put("org.h2", "H2 database engine (in-process)");
		CATEGORIES.put("com.mysql", "MySQL JDBC driver");
		CATEGORIES.put("com.zaxxer.hikari", "Hikari pool");
		CATEGORIES.put("org.flywaydb", "Flyway");
		CATEGORIES.put("org.springframework.jdbc", "Spring JDBC");
		CATEGORIES.put("org.springframework.session", "Spring Session JDBC");
		CATEGORIES.put("org.springframework.transaction", "Spring transactions");
		CATEGORIES.put("org.thymeleaf", "Thymeleaf templates");
		CATEGORIES.put("org.attoparser", "Thymeleaf templates");
		CATEGORIES.put("org.unbescape", "Thymeleaf templates");
		CATEGORIES.put("ch.qos.logback", "logging");
		CATEGORIES.put("org.slf4j", "logging");
		CATEGORIES.put("org.apache.logging", "logging");
		CATEGORIES.put("io.micrometer", "Micrometer metrics/observation");
		CATEGORIES.put("org.apache.catalina", "Tomcat");
		CATEGORIES.put("org.apache.coyote", "Tomcat");
		CATEGORIES.put("org.apache.tomcat", "Tomcat");
		CATEGORIES.put("sun.nio", "socket I/O");
		CATEGORIES.put("java.nio", "socket I/O");
		CATEGORIES.put("sun.net", "socket I/O");
		CATEGORIES.put("java.net", "socket I/O");
		CATEGORIES.put("dev.smsauth", "smsauth code (self)");
		CATEGORIES.put("org.springframework.security.oauth2.server.authorization", "Spring Authorization Server");
		CATEGORIES.put("org.springframework.security", "Spring Security");
		CATEGORIES.put("org.springframework.web", "Spring MVC / web");
		CATEGORIES.put("org.springframework.http", "Spring MVC / web");
		CATEGORIES.put("org.springframework.beans", "Spring core (beans, AOP, conversion)");
		CATEGORIES.put("org.springframework.aop", "Spring core (beans, AOP, conversion)");
		CATEGORIES.put("org.springframework.core", "Spring core (beans, AOP, conversion)");
		CATEGORIES.put("org.springframework", "Spring (other)");
		CATEGORIES.put("java.util.regex", "regex");
		CATEGORIES.put("java.time", "java.time");
	}

	/** Frames that say little about who spent the time; the next frame down decides. */
	private static final List<String> GENERIC = List.of("java.lang.", "java.util.", "jdk.internal.", "sun.reflect.",
			"java.io.", "sun.invoke.", "java.text.", "sun.util.", "jdk.proxy");

	/** Methods shown in the inclusive list: the project's and the frameworks' code it configures. */
	private static final List<String> INCLUSIVE_OF_INTEREST = List.of("dev.smsauth", "org.springframework.security",
			"org.springframework.session", "org.springframework.jdbc", "org.thymeleaf.TemplateEngine", "com.nimbusds.jose.crypto",
			"tools.jackson.databind.ObjectMapper", "com.fasterxml.jackson.databind.ObjectMapper");

	/** Wrappers every request passes through; they say nothing about where the work is. */
	private static final java.util.regex.Pattern PLUMBING = java.util.regex.Pattern
		.compile("doFilter|FilterChain|Observation|\\$\\$Lambda|lambda\\$|\\.invoke$|\\.handle$|\\.service$");

	private JfrHotSpots() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("Usage: JfrHotSpots <recording.jfr>...");
			System.exit(2);
		}
		for (String file : args) {
			print(Path.of(file));
		}
	}

	static void print(Path file) throws IOException {
		Map<String, Integer> categories = new HashMap<>();
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		int samples = 0;
		double gcPauseMs = 0;
		double compileMs = 0;
		double cpuLoadSum = 0;
		int cpuLoadCount = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			String type = event.getEventType().getName();
			// What execution samples do not see: GC and JIT compiler threads, and the machine's load.
			if (type.equals("jdk.GarbageCollection")) {
				gcPauseMs += event.getDuration("sumOfPauses").toNanos() / 1e6;
				continue;
			}
			if (type.equals("jdk.Compilation")) {
				compileMs += event.getDuration().toNanos() / 1e6;
				continue;
			}
			if (type.equals("jdk.CPULoad")) {
				cpuLoadSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
				cpuLoadCount++;
				continue;
			}
			if (!type.equals("jdk.ExecutionSample")) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				continue;
			}
			samples++;
			List<RecordedFrame> frames = stack.getFrames();
			self.merge(name(frames.get(0)), 1, Integer::sum);
			categories.merge(category(frames), 1, Integer::sum);
			Set<String> seen = new HashSet<>();
			for (RecordedFrame frame : frames) {
				String name = name(frame);
				if (INCLUSIVE_OF_INTEREST.stream().anyMatch(name::startsWith) && !PLUMBING.matcher(name).find()
						&& seen.add(name)) {
					inclusive.merge(name, 1, Integer::sum);
				}
			}
		}
		System.out.printf(Locale.ROOT, "%n== %s: %d CPU samples of Java threads; GC pauses %.0f ms, JIT compilations %.0f ms"
				+ " (wall), server JVM's share of the machine's CPU %.0f%%%n", file, samples, gcPauseMs, compileMs,
				cpuLoadCount == 0 ? Double.NaN : 100 * cpuLoadSum / cpuLoadCount);
		table("By category (nearest known library on the stack)", categories, samples, 40);
		table("Top self methods", self, samples, 25);
		table("Inclusive: project, Spring Security/Session/JDBC, signing, mappers", inclusive, samples, 40);
	}

	private static String category(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			if (GENERIC.stream().anyMatch(type::startsWith)) {
				continue;
			}
			for (Map.Entry<String, String> e : CATEGORIES.entrySet()) {
				if (type.startsWith(e.getKey())) {
					return e.getValue();
				}
			}
			return "other: " + packageOf(type);
		}
		return "JDK (generic only)";
	}

	private static String packageOf(String type) {
		int dot = type.lastIndexOf('.');
		return dot < 0 ? type : type.substring(0, dot);
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static void table(String title, Map<String, Integer> counts, int total, int limit) {
		System.out.println();
		System.out.println(title);
		List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
		sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
		for (Map.Entry<String, Integer> e : sorted.subList(0, Math.min(limit, sorted.size()))) {
			System.out.printf(Locale.ROOT, "  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / total, e.getValue(), e.getKey());
		}
	}

}
