package dev.smsauth.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile values and the properties every answer must have whatever was sent: no 5xx, no stack
 * trace or exception class name, no reflected script, no header smuggled in through CR/LF.
 */
final class Hostile {

	/** The classics: markup, SQL, JNDI/EL/template injection, CRLF, NUL, bidi and zero-width tricks. */
	static final List<String> PAYLOADS = List.of("<script>alert(1)</script>", "\"><script>alert(1)</script>",
			"</textarea><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
			"' OR 1=1 --", "'; DROP TABLE user_account; --", "\" OR \"\"=\"", "admin'--", "${jndi:ldap://x/a}",
			"${7*7}", "#{7*7}", "{{7*7}}", "[[${7*7}]]", "__${T(java.lang.Runtime).getRuntime()}__::.x", "*{7*7}",
			"%00", "\u0000", "a\u0000b", "%0d%0aX-Injected: yes", "\r\nX-Injected: yes", "x\r\nSet-Cookie: evil=1",
			"\n", "\u202Egnp.exe", "\u200B", "\u200D\u200C", "\uFEFF", "\uD800", "\uDC00x", "\uD83D\uDE00", "\uFFFF",
			"\u0130", "ǅ", "ﬃ", "İstanbul", "../../../etc/passwd", "..%2f..%2f", "\\\\server\\share", "", " ", "\t",
			"null", "undefined", "NaN", "-1", "0", "99999999999999999999999999", "1e309", "true", "[]", "{}",
			"%", "%zz", "%FF%FE", "&", "=", "&a=b", "#frag", "?", ";", ",", "'", "\"", "`", "<", ">",
			"<!--", "]]>", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");

	/** Numbers that a phone field will see: wrong formats, other scripts, premium ranges, junk. */
	static final List<String> PHONES = List.of("+1", "+", "++14155550100", "+0000000000", "+999123456789",
			"+1 (415) 555-0100 ext. 5", "0014155550100", "14155550100", "+1415555010000000000000", "+１４１５５５５０１００",
			"+٤١٥٥٥٥٠١٠٠", "+1-415-555-0100\u0000", "+1 415 555 0100\r\nX-Injected: yes", "+44 7700 900123",
			"+882 1234 5678", "+979123456789", "+1 900 555 0100", "tel:+14155550100", "+14155550100;ext=1", "-1");

	/** Any value at all: payloads, arbitrary UTF-16 (lone surrogates included), long text, mixtures. */
	static Arbitrary<String> anyValue() {
		return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(PAYLOADS)),
				Tuple.of(3, Arbitraries.strings().all().ofMaxLength(200)), Tuple.of(1, Arbitraries.of(PHONES)),
				Tuple.of(1, longValue()), Tuple.of(2, mixed()));
	}

	/** Up to ~100 kB: past Tomcat's 8 kB header limit in URLs, around the 64 kB form limit in bodies. */
	static Arbitrary<String> longValue() {
		return Combinators.combine(Arbitraries.integers().between(1_000, 100_000), Arbitraries.of(PAYLOADS))
			.as((n, payload) -> "a".repeat(n) + payload);
	}

	static Arbitrary<String> mixed() {
		return Combinators.combine(Arbitraries.of(PAYLOADS), Arbitraries.strings().all().ofMaxLength(20),
				Arbitraries.of(PAYLOADS))
			.as((a, b, c) -> a + b + c);
	}

	/** Mostly {@code valid}, else anything. */
	static Arbitrary<String> validOr(Arbitrary<String> valid) {
		return Arbitraries.frequencyOf(Tuple.of(1, valid), Tuple.of(1, anyValue()));
	}

	/**
	 * name=value pairs for {@code names}, each left out, sent once or repeated; values from the
	 * generator for that name; sometimes an unknown parameter too.
	 */
	static Arbitrary<List<Map.Entry<String, String>>> parameters(Map<String, Arbitrary<String>> byName) {
		List<Arbitrary<List<Map.Entry<String, String>>>> each = new ArrayList<>();
		byName.forEach((name, values) -> each.add(Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)),
				Tuple.of(6, Arbitraries.just(1)), Tuple.of(1, Arbitraries.integers().between(2, 3)))
			.flatMap(times -> values.list().ofSize(times))
			.map(list -> list.stream().map(v -> Map.entry(name, v)).toList())));
		each.add(Combinators.combine(Arbitraries.strings().all().ofMaxLength(12), anyValue())
			.as((k, v) -> List.of(Map.entry(k, v)))
			.injectNull(0.7)
			.map(l -> l == null ? List.<Map.Entry<String, String>>of() : l));
		return Combinators.combine(each).as(lists -> lists.stream().flatMap(List::stream).toList());
	}

	/**
	 * A valid request with one to three parameters spoiled: replaced by a near-miss or anything,
	 * dropped, or repeated with a second value. Spoiling a few at a time lets most requests get past
	 * the first check to the deeper ones.
	 */
	static Arbitrary<List<Map.Entry<String, String>>> spoiled(Map<String, String> valid,
			Map<String, Arbitrary<String>> nearMisses) {
		List<String> names = List.copyOf(valid.keySet());
		Arbitrary<Spoil> spoil = Combinators.combine(Arbitraries.of(names), Arbitraries.of(Spoil.Kind.values()),
				Arbitraries.lazy(() -> Arbitraries.oneOf(anyValue(), Arbitraries.of("x"))))
			.flatAs((name, kind, any) -> (kind == Spoil.Kind.NEAR_MISS && nearMisses.containsKey(name)
					? nearMisses.get(name) : Arbitraries.just(any))
				.map(value -> new Spoil(name, kind, value)));
		return spoil.list().ofMinSize(0).ofMaxSize(3).map(spoils -> {
			List<Map.Entry<String, String>> out = new ArrayList<>();
			valid.forEach((name, value) -> {
				List<Spoil> mine = spoils.stream().filter(x -> x.name().equals(name)).toList();
				if (mine.isEmpty()) {
					out.add(Map.entry(name, value));
				}
				for (Spoil x : mine) {
					switch (x.kind()) {
						case DROP -> { }
						case REPEAT -> {
							out.add(Map.entry(name, value));
							out.add(Map.entry(name, x.value()));
						}
						default -> out.add(Map.entry(name, x.value()));
					}
				}
			});
			return out;
		});
	}

	record Spoil(String name, Kind kind, String value) {

		enum Kind {

			NEAR_MISS, ANY, DROP, REPEAT

		}

	}

	// --- properties of every answer ------------------------------------------------------------

	private static final Pattern STACK_TRACE = Pattern.compile(
			"(?:\\bat [\\w$]+(?:\\.[\\w$]+)+\\(|Caused by:|(?:java|javax|jakarta|org|com|dev)\\.[\\w.$]*(?:Exception|Error)\\b"
					+ "|\\b\\w+(?:Exception|Error)\\b:|Whitelabel Error Page)");

	/** No 5xx, no stack trace or exception class, no reflected script, no smuggled header. */
	static void assertSafe(Http.Reply reply, Object input) {
		String shown = shorten(String.valueOf(input));
		assertThat(reply.status()).as("status for %s -> %s", shown, reply).isLessThan(500);
		assertThat(STACK_TRACE.matcher(reply.body()).find()).as("stack trace or exception in %s for %s", reply, shown)
			.isFalse();
		assertThat(reply.headers().keySet()).as("headers for %s", shown)
			.noneMatch(name -> name.equalsIgnoreCase("X-Injected"));
		assertThat(reply.headers().getOrDefault("set-cookie", List.of())).as("cookies for %s", shown)
			.noneMatch(cookie -> cookie.contains("evil"));
		if (!reply.isHtml()) {
			// An HTML page may show what was typed, CR/LF included, as escaped text (a search box
			// keeps its value); any other body (JSON, plain text) must never carry a raw header line.
			assertThat(reply.body()).as("body for %s", shown)
				.doesNotContain("\r\nX-Injected", "\nX-Injected: yes", "\r\nSet-Cookie: evil", "\nSet-Cookie: evil=1");
		}
		assertThat(reply.header("Location")).as("Location for %s", shown).doesNotContain("\r", "\n");
		if (reply.isHtml()) {
			assertThat(reply.body()).as("HTML for %s", shown)
				.doesNotContain("<script>alert(1)</script>", "<img src=x onerror=alert(1)>");
		}
	}

	static String shorten(String value) {
		String escaped = value.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
		return escaped.length() > 300 ? escaped.substring(0, 300) + "…(" + escaped.length() + " chars)" : escaped;
	}

	private Hostile() {
	}

}
