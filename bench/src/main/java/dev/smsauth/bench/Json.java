package dev.smsauth.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks single values out of the server's JSON answers. The benchmark needs a handful of string
 * fields (tokens, ids, secrets) and no JSON library, so the generator stays light on the CPU it
 * shares with the server; the answers are the server's own compact JSON, never escaped values.
 */
final class Json {

	private Json() {
	}

	/** The first string value of {@code "field":"value"}, or null. */
	static String string(String json, String field) {
		Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return m.find() ? m.group(1) : null;
	}

	/** Like {@link #string} but the field must be there. */
	static String required(String json, String field) {
		String value = string(json, field);
		if (value == null) {
			throw new BenchException("no \"" + field + "\" in " + json.substring(0, Math.min(200, json.length())));
		}
		return value;
	}

	/** The first number value of {@code "field": 1.5}, or NaN when it is missing or null. */
	static double number(String json, String field) {
		Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
		return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
	}

	/** The first boolean value of {@code "field":true|false}, or null. */
	static Boolean bool(String json, String field) {
		Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(true|false)").matcher(json);
		return m.find() ? Boolean.valueOf(m.group(1)) : null;
	}

	static String quote(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
