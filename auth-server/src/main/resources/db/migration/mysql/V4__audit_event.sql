-- The audit trail: who changed what and when (applications, users) and sign-in events (password,
-- SMS step). Append-only; never holds a password, a code, a client secret or a full phone number.
CREATE TABLE audit_event (
    id bigint AUTO_INCREMENT NOT NULL,
    occurred_at datetime(6) NOT NULL,
    event varchar(64) NOT NULL,
    actor_type varchar(16) NOT NULL,
    actor_id varchar(100),
    user_id varchar(36),
    client_id varchar(100),
    ip varchar(64),
    details varchar(1000),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_audit_event_occurred ON audit_event (occurred_at);
CREATE INDEX ix_audit_event_user ON audit_event (user_id, occurred_at);
CREATE INDEX ix_audit_event_client ON audit_event (client_id, occurred_at);
CREATE INDEX ix_audit_event_event ON audit_event (event, occurred_at);
