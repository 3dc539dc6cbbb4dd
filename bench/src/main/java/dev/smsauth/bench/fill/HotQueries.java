package dev.smsauth.bench.fill;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EXPLAIN of every query on the paths of a sign-in, a refresh, userinfo, introspection and the
 * clean-up, with real values from the filled database, as the server sends them (the SQL is copied
 * from the server's repositories; ? replaced by a value). A plan of type ALL (a scan of the whole
 * table) is marked. {@code bash bench/run.sh explain <jdbc-url>} runs it on a kept database.
 */
public final class HotQueries {

	private HotQueries() {
	}

	public static void main(String[] args) throws SQLException {
		explainAll(args[0], System.out);
	}

	public static boolean explainAll(String url, PrintStream out) throws SQLException {
		boolean scans = false;
		try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
			Map<String, String> v = samples(s);
			out.println();
			out.println("| query (where it runs) | table | type | key | rows | extra |");
			out.println("|---|---|---|---|--:|---|");
			for (Map.Entry<String, String> q : queries(v).entrySet()) {
				try (ResultSet rs = s.executeQuery("EXPLAIN " + q.getValue())) {
					boolean first = true;
					while (rs.next()) {
						String type = rs.getString("type");
						boolean scan = "ALL".equals(type);
						scans |= scan;
						out.printf("| %s | %s | %s%s | %s | %s | %s |%n", first ? q.getKey() : "", rs.getString("table"), type,
								scan ? " **(scan)**" : "", rs.getString("key"), rs.getString("rows"), rs.getString("Extra"));
						first = false;
					}
				}
			}
		}
		return !scans;
	}

	/** One real value of each kind from the filled tables. */
	private static Map<String, String> samples(Statement s) throws SQLException {
		Map<String, String> v = new LinkedHashMap<>();
		one(s, v, "SELECT id, username, email, phone_number FROM user_account WHERE email IS NOT NULL LIMIT 1 OFFSET 1000",
				"user", "username", "email", "phone");
		one(s, v, "SELECT id, access_token_hash, refresh_token_hash, authorization_code_hash, oidc_id_token_hash, principal_name "
				+ "FROM oauth2_authorization WHERE refresh_token_hash IS NOT NULL LIMIT 1 OFFSET 1000", "grant", "ath", "rth", "ach",
				"ith", "principal");
		one(s, v, "SELECT id FROM sms_challenge LIMIT 1 OFFSET 1000", "challenge");
		one(s, v, "SELECT PRIMARY_ID, SESSION_ID FROM SPRING_SESSION LIMIT 1", "session_pk", "session");
		one(s, v, "SELECT bucket FROM rate_limit_hit WHERE bucket LIKE 'sms:account:%' LIMIT 1", "bucket");
		return v;
	}

	private static void one(Statement s, Map<String, String> v, String sql, String... names) throws SQLException {
		try (ResultSet rs = s.executeQuery(sql)) {
			boolean found = rs.next();
			for (int i = 0; i < names.length; i++) {
				v.put(names[i], found ? rs.getString(i + 1) : "none");
			}
		}
	}

	private static Map<String, String> queries(Map<String, String> v) {
		String now = "NOW(6)";
		String hourAgo = "NOW(6) - INTERVAL 1 HOUR";
		Map<String, String> q = new LinkedHashMap<>();
		// Sign-in: the account by each identifier (SignInUserDetailsService → UserRepository) and by id.
		q.put("user by username", "SELECT * FROM user_account WHERE username = " + lit(v.get("username")));
		q.put("user by email", "SELECT * FROM user_account WHERE email = " + lit(v.get("email")));
		q.put("user by phone", "SELECT * FROM user_account WHERE phone_number = " + lit(v.get("phone")));
		q.put("user by id (authorize, hosted pages, userinfo)", "SELECT * FROM user_account WHERE id = " + lit(v.get("user")));
		// Spring Session JDBC: load, update, attributes upsert, by principal (sid), expiry clean-up.
		q.put("session load", "SELECT S.PRIMARY_ID, S.SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME, S.MAX_INACTIVE_INTERVAL, "
				+ "SA.ATTRIBUTE_NAME, SA.ATTRIBUTE_BYTES FROM SPRING_SESSION S LEFT JOIN SPRING_SESSION_ATTRIBUTES SA "
				+ "ON S.PRIMARY_ID = SA.SESSION_PRIMARY_ID WHERE S.SESSION_ID = " + lit(v.get("session")));
		q.put("session update", "UPDATE SPRING_SESSION SET SESSION_ID = 'x', LAST_ACCESS_TIME = 1, MAX_INACTIVE_INTERVAL = 1, "
				+ "EXPIRY_TIME = 1, PRINCIPAL_NAME = 'x' WHERE PRIMARY_ID = " + lit(v.get("session_pk")));
		q.put("session attribute update", "UPDATE SPRING_SESSION_ATTRIBUTES SET ATTRIBUTE_BYTES = 'x' WHERE SESSION_PRIMARY_ID = "
				+ lit(v.get("session_pk")) + " AND ATTRIBUTE_NAME = 'SPRING_SECURITY_CONTEXT'");
		q.put("newest session of the principal (sid at the token endpoint)", "SELECT S.SESSION_ID, S.LAST_ACCESS_TIME, "
				+ "CASE WHEN SA.SESSION_PRIMARY_ID IS NULL THEN 0 ELSE 1 END FROM SPRING_SESSION S LEFT JOIN SPRING_SESSION_ATTRIBUTES SA "
				+ "ON SA.SESSION_PRIMARY_ID = S.PRIMARY_ID AND SA.ATTRIBUTE_NAME = 'x' WHERE S.PRINCIPAL_NAME = " + lit(v.get("user"))
				+ " ORDER BY S.PRINCIPAL_NAME, S.LAST_ACCESS_TIME DESC LIMIT 1");
		q.put("sessions by principal (RP-initiated logout)", "SELECT S.PRIMARY_ID FROM SPRING_SESSION S WHERE S.PRINCIPAL_NAME = "
				+ lit(v.get("user")));
		q.put("expired sessions (Spring Session's clean-up)", "DELETE FROM SPRING_SESSION WHERE EXPIRY_TIME < 0");
		// Rate limits: the bucket lock, the sliding-window count, the hit insert and give-back.
		q.put("rate-limit bucket lock", "SELECT bucket FROM rate_limit_counter WHERE bucket = " + lit(v.get("bucket")) + " FOR UPDATE");
		q.put("rate-limit window count", "SELECT COUNT(*), MAX(hit_at) FROM rate_limit_hit WHERE bucket = " + lit(v.get("bucket"))
				+ " AND hit_at > " + hourAgo);
		q.put("rate-limit global window count", "SELECT COUNT(*), MAX(hit_at) FROM rate_limit_hit WHERE bucket = 'sms:global' AND hit_at > "
				+ hourAgo);
		q.put("rate-limit give-back", "DELETE FROM rate_limit_hit WHERE id = 'x'");
		// Budgets counted in sub-windows (the SMS calling-code and global ones): at most ~61 rows each.
		q.put("rate-limit sub-window sums", "SELECT 1, bucket, hits, starts_at FROM rate_limit_sub_window WHERE bucket IN "
				+ "('sms:cc:1', 'sms:global') AND starts_at > " + hourAgo + " - INTERVAL 1 MINUTE");
		q.put("rate-limit sub-window count", "UPDATE rate_limit_sub_window SET hits = hits + 1 WHERE starts_at = " + hourAgo
				+ " AND bucket IN ('sms:cc:1', 'sms:global')");
		// The SMS step.
		q.put("challenge by id", "SELECT * FROM sms_challenge WHERE id = " + lit(v.get("challenge")));
		q.put("last code sent to the user (cooldown)", "SELECT MAX(created_at) FROM sms_challenge WHERE user_id = " + lit(v.get("user"))
				+ " AND status <> 'UNSENT'");
		q.put("codes sent to the user this hour", "SELECT COUNT(*) FROM sms_challenge WHERE user_id = " + lit(v.get("user"))
				+ " AND status <> 'UNSENT' AND created_at > " + hourAgo);
		q.put("wrong codes this hour", "SELECT COALESCE(SUM(failed_attempts), 0) FROM sms_challenge WHERE user_id = "
				+ lit(v.get("user")) + " AND created_at > " + hourAgo);
		q.put("supersede older codes", "UPDATE sms_challenge SET status = 'SUPERSEDED' WHERE user_id = " + lit(v.get("user"))
				+ " AND status = 'PENDING' AND id <> 'x'");
		q.put("try on a code", "UPDATE sms_challenge SET failed_attempts = failed_attempts + 1 WHERE id = " + lit(v.get("challenge"))
				+ " AND status = 'PENDING' AND failed_attempts < 5");
		q.put("message record of a challenge", "SELECT * FROM sms_message WHERE challenge_id = " + lit(v.get("challenge")));
		q.put("dev outbox, newest to a number", "SELECT * FROM sms_outbox WHERE to_number = " + lit(v.get("phone"))
				+ " ORDER BY sent_at DESC LIMIT 1");
		// Factor pages and devices.
		q.put("device of this browser", "SELECT * FROM user_device WHERE token_hash = 'x' AND user_id = " + lit(v.get("user")));
		q.put("authenticator app", "SELECT * FROM user_authenticator WHERE user_id = " + lit(v.get("user")));
		q.put("passkeys of the user", "SELECT * FROM user_entities WHERE name = " + lit(v.get("user")));
		q.put("recovery codes on file", "SELECT COUNT(*) FROM user_recovery_code WHERE user_id = " + lit(v.get("user")));
		// Grants (IndexedAuthorizationService): id and version by each token hash, the whole row by id
		// (when not parsed at that version yet), the conditional save.
		String grant = "SELECT id, row_version FROM oauth2_authorization WHERE ";
		q.put("grant by code", grant + "authorization_code_hash = " + lit(v.get("ach")));
		q.put("grant by access token (userinfo, introspection)", grant + "access_token_hash = " + lit(v.get("ath")));
		q.put("grant by refresh token", grant + "refresh_token_hash = " + lit(v.get("rth")));
		q.put("grant by ID token (logout hint)", grant + "oidc_id_token_hash = " + lit(v.get("ith")));
		q.put("grant by state", grant + "state_hash = 'x'");
		q.put("grant by id (whole row, to parse)", "SELECT * FROM oauth2_authorization WHERE id = " + lit(v.get("grant")));
		q.put("grant conditional save", "UPDATE oauth2_authorization SET attributes = attributes WHERE id = " + lit(v.get("grant"))
				+ " AND COALESCE(access_token_hash, '') = " + lit(v.get("ath")) + " AND COALESCE(refresh_token_hash, '') = "
				+ lit(v.get("rth")));
		q.put("grants of a user (access ended)", "DELETE FROM oauth2_authorization WHERE principal_name = " + lit(v.get("principal")));
		q.put("refresh-token reuse check", "SELECT authorization_id FROM refresh_token_history WHERE token_hash = " + lit(v.get("rth")));
		q.put("registered client by client_id", "SELECT * FROM oauth2_registered_client WHERE client_id = 'x'");
		q.put("consent", "SELECT * FROM oauth2_authorization_consent WHERE registered_client_id = 'x' AND principal_name = "
				+ lit(v.get("user")));
		q.put("signing keys (every minute)", "SELECT * FROM signing_key");
		// The clean-up job's batches (ExpiredRows: SELECT keys LIMIT n, then DELETE by key with the condition again).
		// The grants' keys from the purge-time index alone; the DELETE re-checks every token's expiry by key.
		q.put("clean-up: expired grants", "SELECT purge_after, id FROM oauth2_authorization WHERE purge_after < " + now
				+ " ORDER BY purge_after LIMIT 100");
		q.put("clean-up: expired grants, resumed", "SELECT purge_after, id FROM oauth2_authorization WHERE purge_after < " + now
				+ " AND purge_after > " + now + " - INTERVAL 30 DAY ORDER BY purge_after LIMIT 100");
		q.put("clean-up: old challenges", "SELECT id FROM sms_challenge WHERE created_at < NOW(6) - INTERVAL 1 DAY LIMIT 100");
		q.put("clean-up: old outbox", "SELECT id FROM sms_outbox WHERE sent_at < NOW(6) - INTERVAL 1 DAY LIMIT 100");
		q.put("clean-up: refresh-token history", "SELECT token_hash FROM refresh_token_history WHERE rotated_at < NOW(6) - INTERVAL 2 DAY LIMIT 100");
		q.put("clean-up: rate-limit hits", "SELECT id FROM rate_limit_hit WHERE hit_at < NOW(6) - INTERVAL 1 DAY LIMIT 100");
		q.put("clean-up: rate-limit sub-windows", "SELECT bucket FROM rate_limit_sub_window WHERE starts_at < NOW(6) - INTERVAL 1 DAY - INTERVAL 24 MINUTE LIMIT 100");
		q.put("clean-up: rate-limit counters", "SELECT bucket FROM rate_limit_counter WHERE window_start < NOW(6) - INTERVAL 1 DAY LIMIT 100");
		q.put("clean-up: audit", "SELECT id FROM audit_event WHERE occurred_at < NOW(6) - INTERVAL 400 DAY LIMIT 100");
		q.put("clean-up: devices", "SELECT id FROM user_device WHERE last_used_at < NOW(6) - INTERVAL 400 DAY LIMIT 100");
		q.put("clean-up: SMS message records", "SELECT id FROM sms_message WHERE created_at < NOW(6) - INTERVAL 400 DAY LIMIT 100");
		q.put("clean-up: delete a batch by key", "DELETE FROM sms_challenge WHERE id IN (" + lit(v.get("challenge"))
				+ ") AND (created_at < NOW(6) - INTERVAL 1 DAY)");
		return q;
	}

	private static String lit(String value) {
		return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
	}

	static List<String> names(Map<String, String> v) {
		return new ArrayList<>(queries(v).keySet());
	}

}
