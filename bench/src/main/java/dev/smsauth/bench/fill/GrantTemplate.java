package dev.smsauth.bench.fill;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One real grant row, written by the server's {@code IndexedAuthorizationService}, used as the mould
 * for millions: every filler row has the template's columns and JSON (the framework's own
 * serialisation of the principal, the authorization request and the token metadata), with its own
 * id, its own user in place of the template's (principal name and inside the JSON), its own token
 * values of the same shape and length with their SHA-256 in the {@code *_hash} columns, and its
 * own times, keeping each token's lifetime.
 */
final class GrantTemplate {

	/** Columns as IndexedAuthorizationService writes them: the framework's, the hashes, the purge time. */
	static final List<String> COLUMNS = List.of("id", "registered_client_id", "principal_name", "authorization_grant_type",
			"authorized_scopes", "attributes", "state", "authorization_code_value", "authorization_code_issued_at",
			"authorization_code_expires_at", "authorization_code_metadata", "access_token_value", "access_token_issued_at",
			"access_token_expires_at", "access_token_metadata", "access_token_type", "access_token_scopes",
			"oidc_id_token_value", "oidc_id_token_issued_at", "oidc_id_token_expires_at", "oidc_id_token_metadata",
			"refresh_token_value", "refresh_token_issued_at", "refresh_token_expires_at", "refresh_token_metadata",
			"user_code_value", "user_code_issued_at", "user_code_expires_at", "user_code_metadata", "device_code_value",
			"device_code_issued_at", "device_code_expires_at", "device_code_metadata", "state_hash",
			"authorization_code_hash", "access_token_hash", "oidc_id_token_hash", "refresh_token_hash", "purge_after");

	/** token prefix → its hash column. */
	private static final Map<String, String> TOKENS = Map.of("authorization_code", "authorization_code_hash",
			"access_token", "access_token_hash", "oidc_id_token", "oidc_id_token_hash", "refresh_token",
			"refresh_token_hash");

	private static final char[] BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

	private final Map<String, Object> row;

	private final String userId;

	private final Instant issuedAt;

	private GrantTemplate(Map<String, Object> row, String userId) {
		this.row = row;
		this.userId = userId;
		this.issuedAt = ((java.sql.Timestamp) row.get("access_token_issued_at")).toInstant();
	}

	/**
	 * The newest grant of this type with an access token; {@code userId} the template's person (whose
	 * id is replaced in each copy), or null for a client_credentials grant (kept as it is: the client).
	 */
	static GrantTemplate read(Connection connection, String grantType, String userId) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT " + String.join(", ", COLUMNS)
				+ " FROM oauth2_authorization WHERE authorization_grant_type = ? AND access_token_value IS NOT NULL"
				+ (userId == null ? "" : " AND principal_name = ?") + " ORDER BY access_token_issued_at DESC LIMIT 1")) {
			select.setString(1, grantType);
			if (userId != null) {
				select.setString(2, userId);
			}
			try (ResultSet rs = select.executeQuery()) {
				if (!rs.next()) {
					throw new IllegalStateException("no " + grantType + " grant to copy");
				}
				Map<String, Object> row = new LinkedHashMap<>();
				for (String column : COLUMNS) {
					row.put(column, column.endsWith("_at") ? rs.getTimestamp(column) : rs.getObject(column));
				}
				return new GrantTemplate(row, userId);
			}
		}
	}

	static GrantTemplate of(Map<String, Object> row, String userId) {
		return new GrantTemplate(new LinkedHashMap<>(row), userId);
	}

	/** How long the grant's longest-lived token lives: after that the clean-up may delete it. */
	Duration lifetime() {
		Duration longest = Duration.ZERO;
		for (String token : TOKENS.keySet()) {
			if (row.get(token + "_value") != null && row.get(token + "_expires_at") instanceof java.sql.Timestamp expires) {
				Duration life = Duration.between(((java.sql.Timestamp) row.get(token + "_issued_at")).toInstant(), expires.toInstant());
				longest = life.compareTo(longest) > 0 ? life : longest;
			}
		}
		return longest;
	}

	/** The column values of a copy, in {@link #COLUMNS} order. */
	Object[] copy(String id, String user, Instant issued, SplittableRandom random) {
		Map<String, Object> copy = new LinkedHashMap<>(row);
		copy.put("id", id);
		if (userId != null) {
			for (Map.Entry<String, Object> e : copy.entrySet()) {
				if (e.getValue() instanceof String s && s.contains(userId)) {
					e.setValue(s.replace(userId, user));
				}
			}
		}
		for (Map.Entry<String, String> token : TOKENS.entrySet()) {
			String value = (String) row.get(token.getKey() + "_value");
			if (value == null) {
				continue;
			}
			String fresh = sameShape(value, random);
			copy.put(token.getKey() + "_value", fresh);
			copy.put(token.getValue(), sha256(fresh));
			shift(copy, token.getKey() + "_issued_at", issued);
			shift(copy, token.getKey() + "_expires_at", issued);
		}
		copy.put("purge_after", latestExpiry(copy));
		List<Object> values = new ArrayList<>(COLUMNS.size());
		for (String column : COLUMNS) {
			values.add(copy.get(column));
		}
		return values.toArray();
	}

	/**
	 * As the server's GrantPurgeTime: the latest expiry of the tokens the copy holds, null if one of
	 * them has none (the templates always have one; a copy's times are Instants after the shift).
	 */
	private static Instant latestExpiry(Map<String, Object> copy) {
		Instant latest = null;
		for (String token : TOKENS.keySet()) {
			if (copy.get(token + "_value") == null) {
				continue;
			}
			Object expires = copy.get(token + "_expires_at");
			Instant at = expires instanceof Instant i ? i : expires instanceof java.sql.Timestamp t ? t.toInstant() : null;
			if (at == null) {
				return null;
			}
			latest = latest == null || at.isAfter(latest) ? at : latest;
		}
		return latest;
	}

	/** Moves a time column by the difference between the copy's and the template's issue time. */
	private void shift(Map<String, Object> copy, String column, Instant issued) {
		if (row.get(column) instanceof java.sql.Timestamp t) {
			copy.put(column, issued.plus(Duration.between(issuedAt, t.toInstant())));
		}
	}

	/** Random base64url characters, with the dots of a JWT where the original had them. */
	static String sameShape(String value, SplittableRandom random) {
		char[] chars = new char[value.length()];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = value.charAt(i) == '.' ? '.' : BASE64URL[random.nextInt(64)];
		}
		return new String(chars);
	}

	static String sha256(String value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
