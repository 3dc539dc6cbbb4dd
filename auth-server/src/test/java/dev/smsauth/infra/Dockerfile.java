package dev.smsauth.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough of a Dockerfile parser for a lint: instructions with their continuation lines
 * joined, comments dropped, split into stages at each FROM.
 */
record Dockerfile(String text, List<List<String>> stages) {

	static Dockerfile read(Path file) {
		String text = InfraFiles.read(file);
		List<List<String>> stages = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : text.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			String instruction = current.append(trimmed).toString().strip();
			current.setLength(0);
			if (instruction.isEmpty()) {
				continue;
			}
			if (keyword(instruction).equals("FROM")) {
				stages.add(new ArrayList<>());
			}
			if (stages.isEmpty()) {
				throw new IllegalStateException(file + ": instruction before the first FROM: " + instruction);
			}
			stages.get(stages.size() - 1).add(instruction);
		}
		return new Dockerfile(text, stages);
	}

	/** The image of each FROM, in order (flags such as --platform skipped). */
	List<String> baseImages() {
		return stages.stream()
			.map(stage -> Arrays.stream(arguments(stage.get(0)).split("\\s+")).filter(a -> !a.startsWith("--")).findFirst().orElseThrow())
			.toList();
	}

	/** The USER of the final stage, or "root" when it sets none. */
	String user() {
		return finalStage("USER").stream().reduce((first, second) -> second).orElse("root");
	}

	List<Integer> exposedPorts() {
		return finalStage("EXPOSE").stream()
			.flatMap(ports -> Arrays.stream(ports.split("\\s+")))
			.map(port -> Integer.valueOf(port.replace("/tcp", "")))
			.toList();
	}

	/** The sources of every COPY that takes files from the build context (not --from another stage). */
	List<String> copiedFromContext() {
		List<String> sources = new ArrayList<>();
		for (List<String> stage : stages) {
			for (String instruction : stage) {
				if (keyword(instruction).equals("COPY") && !instruction.contains("--from=")) {
					List<String> words = Arrays.stream(arguments(instruction).split("\\s+"))
						.filter(w -> !w.startsWith("--"))
						.toList();
					sources.addAll(words.subList(0, words.size() - 1));
				}
			}
		}
		return sources;
	}

	private List<String> finalStage(String keyword) {
		return stages.get(stages.size() - 1).stream()
			.filter(instruction -> keyword(instruction).equals(keyword))
			.map(Dockerfile::arguments)
			.toList();
	}

	private static String keyword(String instruction) {
		return instruction.split("\\s+", 2)[0].toUpperCase();
	}

	private static String arguments(String instruction) {
		String[] parts = instruction.split("\\s+", 2);
		return parts.length > 1 ? parts[1].strip() : "";
	}

}
