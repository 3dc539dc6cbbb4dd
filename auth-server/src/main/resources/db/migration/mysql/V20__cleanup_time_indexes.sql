-- The clean-up job deletes old SMS challenges and outbox messages by creation time alone
-- (ExpiredRows: SELECT id ... WHERE created_at < cutoff LIMIT n). The indexes from V1 lead with
-- user_id / to_number, so each batch read the whole index: at two million challenges (bench --fill)
-- EXPLAIN showed a full index scan per batch.
CREATE INDEX ix_sms_challenge_created ON sms_challenge (created_at);
CREATE INDEX ix_sms_outbox_sent ON sms_outbox (sent_at);
