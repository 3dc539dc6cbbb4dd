package dev.smsauth.stats;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one query behind every SMS number the product shows: the statistics API and the console's
 * overview and MFA tab. Counted in the database (GROUP BY per UTC day, application, provider,
 * calling code and currency) from {@code sms_message}, read through its index on
 * {@code created_at} (or {@code (client_id, created_at)} for one application).
 */
@Component
public class SmsStatistics {

	private final JdbcClient jdbc;

	private final UtcDay utcDay;

	SmsStatistics(JdbcClient jdbc, UtcDay utcDay) {
		this.jdbc = jdbc;
		this.utcDay = utcDay;
	}

	/**
	 * The range's rows, sorted by day, application (none first), provider, calling code and
	 * currency; {@code clientId} null for every application and messages of none.
	 */
	public List<SmsDay> daily(StatsRange range, String clientId) {
		String day = utcDay.of("created_at");
		String sql = "SELECT " + day + " AS sms_day, client_id, provider, calling_code, currency, "
				+ "SUM(CASE WHEN status <> 'rejected' THEN 1 ELSE 0 END) AS sent, "
				+ "SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END) AS delivered, "
				+ "SUM(CASE WHEN status IN ('rejected', 'failed', 'expired') THEN 1 ELSE 0 END) AS failed, "
				+ "SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END) AS rejected, "
				+ "SUM(CASE WHEN verified = TRUE THEN 1 ELSE 0 END) AS verified, "
				+ "SUM(price) AS cost "
				+ "FROM sms_message WHERE created_at >= :start AND created_at < :end"
				+ (clientId == null ? "" : " AND client_id = :client")
				+ " GROUP BY " + day + ", client_id, provider, calling_code, currency"
				+ " ORDER BY sms_day, client_id, provider, calling_code, currency";
		JdbcClient.StatementSpec statement = jdbc.sql(sql)
			.param("start", Timestamp.from(range.start()))
			.param("end", Timestamp.from(range.end()));
		if (clientId != null) {
			statement = statement.param("client", clientId);
		}
		return statement.query((rs, row) -> new SmsDay(LocalDate.parse(rs.getString("sms_day")),
				rs.getString("client_id"), rs.getString("provider"), rs.getString("calling_code"), rs.getString("currency"),
				rs.getLong("sent"), rs.getLong("delivered"), rs.getLong("failed"), rs.getLong("rejected"),
				rs.getLong("verified"), plain(rs.getBigDecimal("cost"))))
			.list();
	}

	/** 0.033300 as 0.0333 and 10.000000 as 10, not 1E+1: the number as people write it. */
	private static BigDecimal plain(BigDecimal value) {
		return value == null ? null : new BigDecimal(value.stripTrailingZeros().toPlainString());
	}

}
