-- Signing keys per algorithm (RS256, PS256, ES256): each algorithm has its own NEXT, ACTIVE and
-- RETIRED keys. The one-NEXT-key rule of V5 becomes one NEXT key per algorithm, and the same holds
-- for the ACTIVE key: active_marker is 1 on the ACTIVE key and NULL elsewhere, so two nodes that
-- both create the first key of an algorithm can not both succeed (NULLs never collide).
ALTER TABLE signing_key
    DROP INDEX uq_signing_key_next,
    ADD CONSTRAINT uq_signing_key_next UNIQUE (algorithm, next_marker),
    ADD COLUMN active_marker smallint NULL;
-- Should an earlier race have left two ACTIVE keys of one algorithm, the one that signs (the newest,
-- then the smallest kid) gets the marker; the next promotion retires the other. The kids are read
-- through a materialised derived table: MySQL and MariaDB refuse a subquery on the table being updated.
UPDATE signing_key k
JOIN (SELECT DISTINCT a.kid FROM signing_key a
      WHERE a.status = 'ACTIVE'
        AND NOT EXISTS (SELECT 1 FROM signing_key n
                        WHERE n.algorithm = a.algorithm AND n.status = 'ACTIVE'
                          AND (n.created_at > a.created_at OR (n.created_at = a.created_at AND n.kid < a.kid)))) newest
  ON newest.kid = k.kid
SET k.active_marker = 1;
ALTER TABLE signing_key ADD CONSTRAINT uq_signing_key_active UNIQUE (algorithm, active_marker);
