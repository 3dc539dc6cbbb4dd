-- Fixed-window counters shared by every node (sign-in attempts; SMS sends by number, IP, country).
-- One row per bucket; the window rolls over in place.
CREATE TABLE rate_limit_counter (
    bucket varchar(190) NOT NULL,
    window_start datetime(6) NOT NULL,
    hits int NOT NULL,
    last_hit datetime(6) NOT NULL,
    PRIMARY KEY (bucket)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_rate_limit_counter_window ON rate_limit_counter (window_start);
