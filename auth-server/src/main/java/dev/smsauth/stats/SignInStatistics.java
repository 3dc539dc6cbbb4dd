package dev.smsauth.stats;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.smsauth.audit.AuditEventType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sign-ins per UTC day from the audit trail: an accepted password ({@code SIGN_IN_PASSWORD_ACCEPTED}),
 * the one event every sign-in has, with the waiting application's client id when there was one.
 */
@Component
public class SignInStatistics {

	private final JdbcClient jdbc;

	private final UtcDay utcDay;

	SignInStatistics(JdbcClient jdbc, UtcDay utcDay) {
		this.jdbc = jdbc;
		this.utcDay = utcDay;
	}

	/** Every day of the range with its count (0 when none); {@code clientId} null for all. */
	public Map<LocalDate, Long> perDay(StatsRange range, String clientId) {
		String day = utcDay.of("occurred_at");
		JdbcClient.StatementSpec statement = jdbc
			.sql("SELECT " + day + " AS sign_in_day, COUNT(*) AS sign_ins FROM audit_event "
					+ "WHERE event = :event AND occurred_at >= :start AND occurred_at < :end"
					+ (clientId == null ? "" : " AND client_id = :client") + " GROUP BY " + day)
			.param("event", AuditEventType.SIGN_IN_PASSWORD_ACCEPTED.name())
			.param("start", Timestamp.from(range.start()))
			.param("end", Timestamp.from(range.end()));
		if (clientId != null) {
			statement = statement.param("client", clientId);
		}
		Map<LocalDate, Long> counts = new LinkedHashMap<>();
		range.days().forEach(d -> counts.put(d, 0L));
		statement.query((rs, row) -> Map.entry(LocalDate.parse(rs.getString("sign_in_day")), rs.getLong("sign_ins")))
			.list()
			.forEach(e -> counts.put(e.getKey(), e.getValue()));
		return counts;
	}

}
