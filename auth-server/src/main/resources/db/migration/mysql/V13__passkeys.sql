-- Passkeys (issue 13): Spring Security's WebAuthn tables, as shipped in spring-security-web
-- (org/springframework/security/user-entities-schema.sql and user-credentials-schema.sql), read by
-- its JdbcPublicKeyCredentialUserEntityRepository and JdbcUserCredentialRepository.
-- MySQL changes only: the base64url ids are ASCII (a varchar(1000) key in utf8mb4 would pass
-- InnoDB's 3072-byte index limit), timestamps are datetime(6).
-- user_entities.name is our account id (the principal name), so deleting an account deletes its
-- WebAuthn user and, through it, its passkeys.
CREATE TABLE user_entities (
    id varchar(1000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name varchar(100) NOT NULL,
    display_name varchar(200),
    PRIMARY KEY (id),
    CONSTRAINT uq_user_entities_name UNIQUE (name),
    CONSTRAINT fk_user_entities_user FOREIGN KEY (name) REFERENCES user_account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE user_credentials (
    credential_id varchar(1000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    user_entity_user_id varchar(1000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    public_key blob NOT NULL,
    signature_count bigint,
    uv_initialized boolean,
    backup_eligible boolean NOT NULL,
    authenticator_transports varchar(1000),
    public_key_credential_type varchar(100),
    backup_state boolean NOT NULL,
    attestation_object blob,
    attestation_client_data_json blob,
    created datetime(6),
    last_used datetime(6),
    label varchar(1000) NOT NULL,
    PRIMARY KEY (credential_id),
    CONSTRAINT fk_user_credentials_entity FOREIGN KEY (user_entity_user_id) REFERENCES user_entities (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_user_credentials_entity ON user_credentials (user_entity_user_id);
