-- Limits counted in sub-windows (issue 15): a limit marked RateLimiter.Limit.countedInSubWindows()
-- keeps one row per bucket and sub-window (a sixtieth of its window, at least a second: minutes for
-- an hourly budget) holding the number of acts in it, instead of a row per act in rate_limit_hit.
-- A check sums at most ~61 rows, however many acts the window holds (the global and calling-code
-- SMS budgets grow with the whole deployment's volume). Written under the same lock as the hits
-- (the bucket's rate_limit_counter row); rows older than the longest window and its sub-window are
-- deleted by the clean-up job, by starts_at.
CREATE TABLE rate_limit_sub_window (
    bucket varchar(190) NOT NULL,
    starts_at timestamp(6) NOT NULL,
    hits int NOT NULL,
    PRIMARY KEY (bucket, starts_at)
);
CREATE INDEX ix_rate_limit_sub_window_start ON rate_limit_sub_window (starts_at);

-- The switch-over: the budgets now counted here (the global and calling-code SMS budgets) start from
-- what the log holds for them (the clean-up keeps a day of it), so an upgrade does not hand out a
-- fresh hour's budget; their log rows move here, since a bucket lives in one table only.
INSERT INTO rate_limit_sub_window (bucket, starts_at, hits)
SELECT bucket, DATE_TRUNC('MINUTE', hit_at), COUNT(*)
FROM rate_limit_hit
WHERE bucket = 'sms:global' OR bucket LIKE 'sms:cc:%'
GROUP BY bucket, DATE_TRUNC('MINUTE', hit_at);
DELETE FROM rate_limit_hit WHERE bucket = 'sms:global' OR bucket LIKE 'sms:cc:%';
