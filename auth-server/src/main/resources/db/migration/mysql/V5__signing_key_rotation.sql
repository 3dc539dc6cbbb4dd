-- Signing-key rotation. Status NEXT (published, not signing yet), ACTIVE (signs), RETIRED
-- (published until retire_after). activates_at: when a NEXT key starts signing. next_marker is 1
-- on the NEXT key and NULL elsewhere; the unique constraint allows at most one NEXT key, whatever
-- nodes race. The jwk column holds the private key encrypted by the application (prefix v1:),
-- rows from before are encrypted by the application at its next start.
ALTER TABLE signing_key
    ADD COLUMN activates_at datetime(6) NULL,
    ADD COLUMN retire_after datetime(6) NULL,
    ADD COLUMN next_marker smallint NULL,
    ADD CONSTRAINT uq_signing_key_next UNIQUE (next_marker);
