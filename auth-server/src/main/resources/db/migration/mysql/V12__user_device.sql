-- Known and remembered devices (issue 12): one row per (browser, user). The browser carries one
-- random 256-bit token in a cookie; only its SHA-256 (hex) is stored, so a copy of this table
-- does not let anyone pose as a device. A browser used by two people has one token and two rows.
-- The unique key makes the upsert race-safe (several nodes at once) and is also the lookup index
-- (token_hash leads). Revocation deletes the row; the clean-up job deletes rows unused for long.
-- user_agent_summary is our own short text ("Chrome on Windows"), never the raw header.
CREATE TABLE user_device (
    id varchar(36) NOT NULL,
    user_id varchar(36) NOT NULL,
    token_hash varchar(64) NOT NULL,
    remembered boolean DEFAULT FALSE NOT NULL,
    created_at datetime(6) NOT NULL,
    last_used_at datetime(6) NOT NULL,
    last_second_factor_at datetime(6) NOT NULL,
    user_agent_summary varchar(64) NOT NULL,
    ip varchar(45) DEFAULT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_user_device_token_user UNIQUE (token_hash, user_id),
    CONSTRAINT fk_user_device_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_user_device_user ON user_device (user_id);
CREATE INDEX ix_user_device_last_used ON user_device (last_used_at);
