-- Sliding-window limits: one row per counted act (a send, a failed sign-in, a wrong code), so
-- "at most N in any period of length W" holds exactly, also across a fixed window's boundary.
-- A reservation is made before the act under a lock on the bucket's rate_limit_counter row
-- (limits.RateLimiter.reserve); a reservation given back deletes its rows by id.
CREATE TABLE rate_limit_hit (
    id varchar(36) NOT NULL,
    bucket varchar(190) NOT NULL,
    hit_at datetime(6) NOT NULL,
    PRIMARY KEY (id, bucket)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_rate_limit_hit_bucket_time ON rate_limit_hit (bucket, hit_at);
CREATE INDEX ix_rate_limit_hit_time ON rate_limit_hit (hit_at);
