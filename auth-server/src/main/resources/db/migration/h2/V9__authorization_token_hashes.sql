-- Token values are LOBs, which can not be indexed: the framework's lookup by value read every row.
-- Each token is now also stored as the SHA-256 (hex) of its value, indexed (IndexedAuthorizationService).
ALTER TABLE oauth2_authorization ADD COLUMN state_hash varchar(64) DEFAULT NULL;
ALTER TABLE oauth2_authorization ADD COLUMN authorization_code_hash varchar(64) DEFAULT NULL;
ALTER TABLE oauth2_authorization ADD COLUMN access_token_hash varchar(64) DEFAULT NULL;
ALTER TABLE oauth2_authorization ADD COLUMN oidc_id_token_hash varchar(64) DEFAULT NULL;
ALTER TABLE oauth2_authorization ADD COLUMN refresh_token_hash varchar(64) DEFAULT NULL;

-- Grants already issued keep working: their hashes are computed here (UTF-8 bytes, as in Java).
UPDATE oauth2_authorization SET
    state_hash = CASE WHEN state IS NULL THEN NULL ELSE LOWER(RAWTOHEX(HASH('SHA-256', CAST(state AS VARBINARY)))) END,
    authorization_code_hash = CASE WHEN authorization_code_value IS NULL THEN NULL ELSE LOWER(RAWTOHEX(HASH('SHA-256', authorization_code_value))) END,
    access_token_hash = CASE WHEN access_token_value IS NULL THEN NULL ELSE LOWER(RAWTOHEX(HASH('SHA-256', access_token_value))) END,
    oidc_id_token_hash = CASE WHEN oidc_id_token_value IS NULL THEN NULL ELSE LOWER(RAWTOHEX(HASH('SHA-256', oidc_id_token_value))) END,
    refresh_token_hash = CASE WHEN refresh_token_value IS NULL THEN NULL ELSE LOWER(RAWTOHEX(HASH('SHA-256', refresh_token_value))) END;

CREATE INDEX ix_authorization_state_hash ON oauth2_authorization (state_hash);
CREATE INDEX ix_authorization_code_hash ON oauth2_authorization (authorization_code_hash);
CREATE INDEX ix_authorization_access_token_hash ON oauth2_authorization (access_token_hash);
CREATE INDEX ix_authorization_id_token_hash ON oauth2_authorization (oidc_id_token_hash);
CREATE INDEX ix_authorization_refresh_token_hash ON oauth2_authorization (refresh_token_hash);
