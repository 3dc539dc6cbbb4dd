package dev.smsauth.demo.profile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns ID token claims into table rows: the claims this demo is about first (always
 * listed, so a missing {@code amr} or {@code acr} is visible), then every other claim
 * alphabetically.
 */
final class IdTokenClaims {

	/** The claims that show what the SMS step changed, plus who the user is. */
	static final List<String> HIGHLIGHTED = List.of("sub", "amr", "acr", "auth_time", "name", "phone_number",
			"email");

	/** Claims holding seconds since the epoch; shown with a readable UTC time as well. */
	private static final Set<String> TIME_CLAIMS = Set.of("auth_time", "iat", "exp", "nbf", "updated_at");

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private IdTokenClaims() {
	}

	static List<ClaimRow> rows(Map<String, Object> claims) {
		List<ClaimRow> rows = new ArrayList<>();
		for (String name : HIGHLIGHTED) {
			rows.add(claims.containsKey(name) ? row(name, claims.get(name))
					: new ClaimRow(name, null, "not in the ID token"));
		}
		new TreeMap<>(claims).forEach((name, value) -> {
			if (!HIGHLIGHTED.contains(name)) {
				rows.add(row(name, value));
			}
		});
		return rows;
	}

	private static ClaimRow row(String name, Object value) {
		Instant time = TIME_CLAIMS.contains(name) ? asInstant(value) : null;
		if (time != null) {
			return new ClaimRow(name, String.valueOf(time.getEpochSecond()), UTC.format(time));
		}
		return new ClaimRow(name, text(value), null);
	}

	/** Spring already converts the standard time claims to Instant; a raw number is tolerated too. */
	private static Instant asInstant(Object value) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		return null;
	}

	private static String text(Object value) {
		if (value instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
		}
		return String.valueOf(value);
	}

}
