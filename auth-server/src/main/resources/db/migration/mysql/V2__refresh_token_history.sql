-- Refresh tokens that were rotated out, by SHA-256, so presenting one again (a sign of theft)
-- revokes the whole grant (RFC 9700 4.14.2).
CREATE TABLE refresh_token_history (
    token_hash varchar(64) NOT NULL,
    authorization_id varchar(100) NOT NULL,
    rotated_at datetime(6) NOT NULL,
    PRIMARY KEY (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_refresh_token_history_rotated ON refresh_token_history (rotated_at);
