package dev.smsauth.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.smsauth.api.FieldErrors;

/**
 * The rules for an application's fields. Redirect URIs are compared as exact strings at the
 * authorization endpoint, so here we only decide which ones may be registered at all (OAuth 2.1
 * and RFC 8252): https anywhere, http only on a loopback host, or a private-use scheme with a dot
 * (reverse domain name) for native apps; never a fragment.
 */
final class ApplicationValidator {

	static final Set<String> SUPPORTED_GRANT_TYPES = Set.of("authorization_code", "refresh_token",
			"client_credentials");

	// RFC 6749 section 3.3 scope-token.
	private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

	// The registered-client table stores each list joined by commas in a varchar(1000).
	private static final int MAX_JOINED_LENGTH = 1000;

	private ApplicationValidator() {
	}

	static String name(String raw, FieldErrors errors) {
		if (raw == null || raw.isBlank()) {
			errors.add("name", "is required");
			return null;
		}
		String name = raw.strip();
		if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
			errors.add("name", "must be at most 200 characters without control characters");
			return null;
		}
		return name;
	}

	static List<String> grantTypes(List<String> raw, boolean isPublic, FieldErrors errors) {
		List<String> values = raw == null ? List.of("authorization_code", "refresh_token") : raw;
		if (values.isEmpty()) {
			errors.add("grantTypes", "must name at least one grant type");
		}
		for (String value : values) {
			if (value == null || !SUPPORTED_GRANT_TYPES.contains(value)) {
				errors.add("grantTypes", "'" + printable(value)
						+ "' is not supported; use authorization_code, refresh_token or client_credentials (no implicit or password grant in OAuth 2.1)");
				return null;
			}
		}
		if (isPublic && values.contains("client_credentials")) {
			errors.add("grantTypes", "client_credentials needs a confidential application");
		}
		return List.copyOf(new LinkedHashSet<>(values));
	}

	static List<String> redirectUris(String field, List<String> raw, boolean required, FieldErrors errors) {
		List<String> values = raw == null ? List.of() : raw;
		if (required && values.isEmpty()) {
			errors.add(field, "needs at least one URI for the authorization_code grant");
		}
		for (String value : values) {
			String problem = redirectUriProblem(value);
			if (problem != null) {
				errors.add(field, "'" + printable(value) + "' " + problem);
				return null;
			}
		}
		return checkJoinedLength(field, List.copyOf(new LinkedHashSet<>(values)), errors);
	}

	static List<String> scopes(List<String> raw, FieldErrors errors) {
		List<String> values = raw == null ? List.of("openid", "profile") : raw;
		for (String value : values) {
			if (value == null || !SCOPE.matcher(value).matches()) {
				errors.add("scopes", "'" + printable(value) + "' is not a valid scope token");
				return null;
			}
		}
		return checkJoinedLength("scopes", List.copyOf(new LinkedHashSet<>(values)), errors);
	}

	/** Absent means JWT, today's behaviour; anything but the two documented names is refused. */
	static AccessTokenFormat accessTokenFormat(String raw, FieldErrors errors) {
		if (raw == null) {
			return AccessTokenFormat.JWT;
		}
		return AccessTokenFormat.of(raw).orElseGet(() -> {
			errors.add("accessTokenFormat", "'" + printable(raw) + "' is not supported; use jwt or reference");
			return null;
		});
	}

	/**
	 * Absent means RS256, what every relying party accepts; anything but the offered JWS names is
	 * refused, {@code none} and the HMAC algorithms above all (our keys are not shared secrets).
	 */
	static SigningAlgorithm signingAlgorithm(String field, String raw, FieldErrors errors) {
		if (raw == null) {
			return SigningAlgorithm.DEFAULT;
		}
		return SigningAlgorithm.of(raw).orElseGet(() -> {
			errors.add(field, "'" + printable(raw) + "' is not supported; use " + String.join(", ", SigningAlgorithm.names()));
			return null;
		});
	}

	static final Duration SHORTEST_REFRESH_TOKEN_LIFETIME = Duration.ofHours(1);

	static final Duration LONGEST_REFRESH_TOKEN_LIFETIME = Duration.ofDays(365);

	/** Absent means the default (30 days); otherwise an ISO-8601 duration from PT1H to P365D. */
	static Duration refreshTokenAbsoluteLifetime(String raw, FieldErrors errors) {
		if (raw == null) {
			return ClientSettingNames.DEFAULT_REFRESH_TOKEN_ABSOLUTE_LIFETIME;
		}
		Duration lifetime;
		try {
			lifetime = Duration.parse(raw);
		}
		catch (DateTimeParseException ex) {
			lifetime = null;
		}
		if (lifetime == null || lifetime.compareTo(SHORTEST_REFRESH_TOKEN_LIFETIME) < 0
				|| lifetime.compareTo(LONGEST_REFRESH_TOKEN_LIFETIME) > 0) {
			errors.add("refreshTokenAbsoluteLifetime",
					"'" + printable(raw) + "' is not an ISO-8601 duration from PT1H to P365D, such as P30D");
			return null;
		}
		return lifetime;
	}

	/**
	 * Null means no budget; otherwise a whole number of messages from 0 (no SMS at all) to
	 * {@link ClientSettingNames#MAX_SMS_MONTHLY_BUDGET}.
	 */
	static Integer smsMonthlyBudget(Number raw, FieldErrors errors) {
		if (raw == null) {
			return null;
		}
		boolean whole = raw instanceof Integer || raw instanceof Long || raw instanceof Short
				|| raw instanceof java.math.BigInteger
				|| (raw instanceof Double || raw instanceof Float || raw instanceof java.math.BigDecimal)
						&& new java.math.BigDecimal(raw.toString()).stripTrailingZeros().scale() <= 0;
		if (!whole || raw.doubleValue() < 0 || raw.doubleValue() > ClientSettingNames.MAX_SMS_MONTHLY_BUDGET) {
			errors.add("smsMonthlyBudget",
					"must be a whole number from 0 to " + ClientSettingNames.MAX_SMS_MONTHLY_BUDGET + ", or null for no budget");
			return null;
		}
		return raw.intValue();
	}

	private static List<String> checkJoinedLength(String field, List<String> values, FieldErrors errors) {
		if (String.join(",", values).length() > MAX_JOINED_LENGTH) {
			errors.add(field, "must be at most " + MAX_JOINED_LENGTH + " characters together");
			return null;
		}
		return values;
	}

	private static String redirectUriProblem(String value) {
		if (value == null || value.isBlank()) {
			return "is empty";
		}
		if (value.length() > 1000 || value.contains(",") || value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
			return "must be a URI of at most 1000 characters without spaces or commas";
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			return "is not a valid URI";
		}
		if (!uri.isAbsolute() || uri.getRawFragment() != null) {
			return "must be an absolute URI without a fragment";
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("https")) {
			return uri.getHost() == null ? "must name a host" : null;
		}
		if (scheme.equals("http")) {
			return isLoopback(uri.getHost()) ? null : "must use https (http is allowed only for localhost)";
		}
		if (scheme.contains(".") && !scheme.equals("javascript") && !scheme.equals("data")) {
			return null; // private-use scheme of a native app, e.g. com.example.app:/callback
		}
		return "must use https, http on localhost, or a reverse-domain private-use scheme";
	}

	private static boolean isLoopback(String host) {
		return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
	}

	private static String printable(String value) {
		if (value == null) {
			return "null";
		}
		String shortened = value.length() > 80 ? value.substring(0, 80) + "…" : value;
		return shortened.replaceAll("\\p{Cntrl}", "?");
	}

}
