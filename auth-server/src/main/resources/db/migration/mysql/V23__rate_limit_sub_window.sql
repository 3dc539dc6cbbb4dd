-- Limits counted in sub-windows (issue 15): a limit marked RateLimiter.Limit.countedInSubWindows()
-- keeps one row per bucket and sub-window (a sixtieth of its window, at least a second: minutes for
-- an hourly budget) holding the number of acts in it, instead of a row per act in rate_limit_hit.
-- A check sums at most ~61 rows, however many acts the window holds (the global and calling-code
-- SMS budgets grow with the whole deployment's volume). Written under the same lock as the hits
-- (the bucket's rate_limit_counter row); rows older than the longest window and its sub-window are
-- deleted by the clean-up job, by starts_at.
CREATE TABLE rate_limit_sub_window (
    bucket varchar(190) NOT NULL,
    starts_at datetime(6) NOT NULL,
    hits int NOT NULL,
    PRIMARY KEY (bucket, starts_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_rate_limit_sub_window_start ON rate_limit_sub_window (starts_at);

-- The switch-over: the budgets now counted here (the global and calling-code SMS budgets) start from
-- what the log holds for them (the clean-up keeps a day of it), so an upgrade does not hand out a
-- fresh hour's budget; their log rows move here, since a bucket lives in one table only. (During a
-- rolling upgrade, nodes of the old version still count these budgets in the log and the new ones
-- here: each sees only its own, as the README's upgrade note says.)
INSERT INTO rate_limit_sub_window (bucket, starts_at, hits)
SELECT bucket, hit_at - INTERVAL (SECOND(hit_at) * 1000000 + MICROSECOND(hit_at)) MICROSECOND AS minute_start, COUNT(*)
FROM rate_limit_hit
WHERE bucket = 'sms:global' OR bucket LIKE 'sms:cc:%'
GROUP BY bucket, minute_start;
DELETE FROM rate_limit_hit WHERE bucket = 'sms:global' OR bucket LIKE 'sms:cc:%';
