-- Authenticator apps (TOTP, RFC 6238): at most one confirmed app per user. The secret is sealed
-- with AES-256-GCM under the key-encryption key (KeyEncryption), never stored in the clear;
-- last_used_step is the newest 30-second step accepted, so a code is never accepted twice.
CREATE TABLE user_authenticator (
    user_id varchar(36) NOT NULL,
    secret varchar(255) NOT NULL,
    last_used_step bigint DEFAULT NULL,
    created_at datetime(6) NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT fk_user_authenticator_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
