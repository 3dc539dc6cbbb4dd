package dev.smsauth.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code audit_event}: inserts, and filtered reads newest first. */
@Repository
class AuditEventRepository {

	private final JdbcClient jdbc;

	AuditEventRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(AuditEvent e) {
		jdbc.sql("INSERT INTO audit_event (occurred_at, event, actor_type, actor_id, user_id, client_id, ip, details) "
				+ "VALUES (:occurred, :event, :actorType, :actorId, :user, :client, :ip, :details)")
			.param("occurred", Timestamp.from(e.occurredAt()))
			.param("event", e.event().name())
			.param("actorType", e.actorType().name())
			.param("actorId", e.actorId())
			.param("user", e.userId())
			.param("client", e.clientId())
			.param("ip", e.ip())
			.param("details", e.details())
			.update();
	}

	List<AuditEvent> find(AuditQuery query) {
		Where where = where(query);
		return jdbc.sql("SELECT * FROM audit_event" + where.sql() + " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset")
			.params(where.params())
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query(AuditEventRepository::map)
			.list();
	}

	long count(AuditQuery query) {
		Where where = where(query);
		return jdbc.sql("SELECT COUNT(*) FROM audit_event" + where.sql()).params(where.params()).query(Long.class).single();
	}

	/** Only fixed column names go into the SQL; every value is a bind parameter. */
	private static Where where(AuditQuery query) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		if (query.userId() != null) {
			conditions.add("user_id = :user");
			params.put("user", query.userId());
		}
		if (query.clientId() != null) {
			conditions.add("client_id = :client");
			params.put("client", query.clientId());
		}
		if (query.event() != null) {
			conditions.add("event = :event");
			params.put("event", query.event().name());
		}
		if (query.from() != null) {
			conditions.add("occurred_at >= :from");
			params.put("from", Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			conditions.add("occurred_at < :to");
			params.put("to", Timestamp.from(query.to()));
		}
		return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
	}

	private static AuditEvent map(ResultSet rs, int row) throws SQLException {
		return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
				AuditEventType.valueOf(rs.getString("event")), ActorType.valueOf(rs.getString("actor_type")),
				rs.getString("actor_id"), rs.getString("user_id"), rs.getString("client_id"), rs.getString("ip"),
				rs.getString("details"));
	}

	private record Where(String sql, Map<String, Object> params) {
	}

}
