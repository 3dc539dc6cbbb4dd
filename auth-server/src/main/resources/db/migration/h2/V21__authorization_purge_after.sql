-- The instant after which a whole grant is dead: the latest expiry of the tokens it holds (code,
-- access, refresh, ID token, device and user code). Written on every save by
-- IndexedAuthorizationService (GrantPurgeTime); the clean-up deletes WHERE purge_after < now through
-- the index instead of reading every grant to judge each token (at five million grants each batch
-- read the clustered index from its start: docs/performance.md, "At a million users").
-- NULL means "no time to judge it by": a grant that never held a token (a consent page left open),
-- or one holding a token without an expiry. Such grants are never purged, as before.
-- The refresh token's absolute lifetime (RefreshTokenAbsoluteLifetime) can only end a refresh token
-- earlier than its expiry, never later, so the expiry alone never lets a live grant go.
ALTER TABLE oauth2_authorization ADD COLUMN purge_after timestamp DEFAULT NULL;

-- Grants stored before this version. A token counts only if its value is there (as in the
-- clean-up's condition); COALESCE to the epoch because MariaDB's GREATEST is NULL if any argument
-- is, H2's ignores NULLs: with no NULL left both give the same answer.
UPDATE oauth2_authorization SET purge_after = GREATEST(
        COALESCE(CASE WHEN authorization_code_value IS NOT NULL THEN authorization_code_expires_at END, TIMESTAMP '1970-01-02 00:00:00'),
        COALESCE(CASE WHEN access_token_value IS NOT NULL THEN access_token_expires_at END, TIMESTAMP '1970-01-02 00:00:00'),
        COALESCE(CASE WHEN refresh_token_value IS NOT NULL THEN refresh_token_expires_at END, TIMESTAMP '1970-01-02 00:00:00'),
        COALESCE(CASE WHEN oidc_id_token_value IS NOT NULL THEN oidc_id_token_expires_at END, TIMESTAMP '1970-01-02 00:00:00'),
        COALESCE(CASE WHEN user_code_value IS NOT NULL THEN user_code_expires_at END, TIMESTAMP '1970-01-02 00:00:00'),
        COALESCE(CASE WHEN device_code_value IS NOT NULL THEN device_code_expires_at END, TIMESTAMP '1970-01-02 00:00:00'))
    WHERE (authorization_code_value IS NOT NULL OR access_token_value IS NOT NULL OR refresh_token_value IS NOT NULL
            OR oidc_id_token_value IS NOT NULL OR user_code_value IS NOT NULL OR device_code_value IS NOT NULL)
        AND NOT (authorization_code_value IS NOT NULL AND authorization_code_expires_at IS NULL)
        AND NOT (access_token_value IS NOT NULL AND access_token_expires_at IS NULL)
        AND NOT (refresh_token_value IS NOT NULL AND refresh_token_expires_at IS NULL)
        AND NOT (oidc_id_token_value IS NOT NULL AND oidc_id_token_expires_at IS NULL)
        AND NOT (user_code_value IS NOT NULL AND user_code_expires_at IS NULL)
        AND NOT (device_code_value IS NOT NULL AND device_code_expires_at IS NULL);

CREATE INDEX ix_authorization_purge_after ON oauth2_authorization (purge_after);
