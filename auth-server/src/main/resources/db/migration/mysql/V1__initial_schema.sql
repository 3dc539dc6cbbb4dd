-- MySQL 8 / MariaDB copy of h2/V1. Only types differ: blob -> mediumtext (the JDBC services bind
-- non-BLOB columns as strings), timestamp -> datetime(6) (no 2038 limit, microseconds; the JDBC URL
-- pins the session to UTC), LONGVARBINARY -> MEDIUMBLOB.
CREATE TABLE oauth2_registered_client (
    id varchar(100) NOT NULL,
    client_id varchar(100) NOT NULL,
    client_id_issued_at datetime(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
    client_secret varchar(200) DEFAULT NULL,
    client_secret_expires_at datetime(6) DEFAULT NULL,
    client_name varchar(200) NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types varchar(1000) NOT NULL,
    redirect_uris varchar(1000) DEFAULT NULL,
    post_logout_redirect_uris varchar(1000) DEFAULT NULL,
    scopes varchar(1000) NOT NULL,
    client_settings varchar(2000) NOT NULL,
    token_settings varchar(2000) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_registered_client_client_id UNIQUE (client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE oauth2_authorization (
    id varchar(100) NOT NULL,
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorization_grant_type varchar(100) NOT NULL,
    authorized_scopes varchar(1000) DEFAULT NULL,
    attributes mediumtext DEFAULT NULL,
    state varchar(500) DEFAULT NULL,
    authorization_code_value mediumtext DEFAULT NULL,
    authorization_code_issued_at datetime(6) DEFAULT NULL,
    authorization_code_expires_at datetime(6) DEFAULT NULL,
    authorization_code_metadata mediumtext DEFAULT NULL,
    access_token_value mediumtext DEFAULT NULL,
    access_token_issued_at datetime(6) DEFAULT NULL,
    access_token_expires_at datetime(6) DEFAULT NULL,
    access_token_metadata mediumtext DEFAULT NULL,
    access_token_type varchar(100) DEFAULT NULL,
    access_token_scopes varchar(1000) DEFAULT NULL,
    oidc_id_token_value mediumtext DEFAULT NULL,
    oidc_id_token_issued_at datetime(6) DEFAULT NULL,
    oidc_id_token_expires_at datetime(6) DEFAULT NULL,
    oidc_id_token_metadata mediumtext DEFAULT NULL,
    refresh_token_value mediumtext DEFAULT NULL,
    refresh_token_issued_at datetime(6) DEFAULT NULL,
    refresh_token_expires_at datetime(6) DEFAULT NULL,
    refresh_token_metadata mediumtext DEFAULT NULL,
    user_code_value mediumtext DEFAULT NULL,
    user_code_issued_at datetime(6) DEFAULT NULL,
    user_code_expires_at datetime(6) DEFAULT NULL,
    user_code_metadata mediumtext DEFAULT NULL,
    device_code_value mediumtext DEFAULT NULL,
    device_code_issued_at datetime(6) DEFAULT NULL,
    device_code_expires_at datetime(6) DEFAULT NULL,
    device_code_metadata mediumtext DEFAULT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorities varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Our users. The id is the OIDC subject; username, email and phone are sign-in identifiers,
-- stored normalised (lower case; E.164) so that the unique keys mean what they say.
CREATE TABLE user_account (
    id varchar(36) NOT NULL,
    username varchar(64) NOT NULL,
    email varchar(254) DEFAULT NULL,
    phone_number varchar(16) DEFAULT NULL,
    display_name varchar(200) DEFAULT NULL,
    password_hash varchar(200) NOT NULL,
    enabled boolean DEFAULT TRUE NOT NULL,
    created_at datetime(6) NOT NULL,
    updated_at datetime(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_user_username UNIQUE (username),
    CONSTRAINT uk_user_email UNIQUE (email),
    CONSTRAINT uk_user_phone UNIQUE (phone_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- JWS signing keys, generated once and reused so tokens survive restarts.
CREATE TABLE signing_key (
    kid varchar(64) NOT NULL,
    algorithm varchar(16) NOT NULL,
    jwk text NOT NULL,
    status varchar(16) NOT NULL,
    created_at datetime(6) NOT NULL,
    PRIMARY KEY (kid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One SMS one-time-code challenge. Only an HMAC of the code is stored.
CREATE TABLE sms_challenge (
    id varchar(36) NOT NULL,
    user_id varchar(36) NOT NULL,
    phone_number varchar(16) NOT NULL,
    purpose varchar(16) NOT NULL,
    code_hash varchar(64) NOT NULL,
    status varchar(16) NOT NULL,
    failed_attempts int DEFAULT 0 NOT NULL,
    created_at datetime(6) NOT NULL,
    expires_at datetime(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_sms_challenge_user_created ON sms_challenge (user_id, created_at);

-- Messages "sent" by the outbox SMS provider of the embedded default profile.
CREATE TABLE sms_outbox (
    id bigint AUTO_INCREMENT NOT NULL,
    to_number varchar(16) NOT NULL,
    text varchar(1000) NOT NULL,
    sent_at datetime(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_sms_outbox_to_sent ON sms_outbox (to_number, sent_at);

-- Spring Session JDBC (HTTP sessions live in the database, so any node can serve any request).
CREATE TABLE SPRING_SESSION (
    PRIMARY_ID CHAR(36) NOT NULL,
    SESSION_ID CHAR(36) NOT NULL,
    CREATION_TIME BIGINT NOT NULL,
    LAST_ACCESS_TIME BIGINT NOT NULL,
    MAX_INACTIVE_INTERVAL INT NOT NULL,
    EXPIRY_TIME BIGINT NOT NULL,
    PRINCIPAL_NAME VARCHAR(100),
    CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36) NOT NULL,
    ATTRIBUTE_NAME VARCHAR(200) NOT NULL,
    ATTRIBUTE_BYTES MEDIUMBLOB NOT NULL,
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION(PRIMARY_ID) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
