-- Signing keys per algorithm (RS256, PS256, ES256): each algorithm has its own NEXT, ACTIVE and
-- RETIRED keys. The one-NEXT-key rule of V5 becomes one NEXT key per algorithm, and the same holds
-- for the ACTIVE key: active_marker is 1 on the ACTIVE key and NULL elsewhere, so two nodes that
-- both create the first key of an algorithm can not both succeed (NULLs never collide).
ALTER TABLE signing_key DROP CONSTRAINT uq_signing_key_next;
ALTER TABLE signing_key ADD CONSTRAINT uq_signing_key_next UNIQUE (algorithm, next_marker);
ALTER TABLE signing_key ADD COLUMN active_marker smallint;
-- Should an earlier race have left two ACTIVE keys of one algorithm, the one that signs (the newest,
-- then the smallest kid) gets the marker; the next promotion retires the other.
UPDATE signing_key k SET active_marker = 1
WHERE k.status = 'ACTIVE'
  AND NOT EXISTS (SELECT 1 FROM signing_key n
                  WHERE n.algorithm = k.algorithm AND n.status = 'ACTIVE'
                    AND (n.created_at > k.created_at OR (n.created_at = k.created_at AND n.kid < k.kid)));
ALTER TABLE signing_key ADD CONSTRAINT uq_signing_key_active UNIQUE (algorithm, active_marker);
