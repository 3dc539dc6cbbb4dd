-- Fixed-window counters shared by every node (sign-in attempts; SMS sends by number, IP, country).
-- One row per bucket; the window rolls over in place.
CREATE TABLE rate_limit_counter (
    bucket varchar(190) NOT NULL,
    window_start timestamp NOT NULL,
    hits int NOT NULL,
    last_hit timestamp NOT NULL,
    PRIMARY KEY (bucket)
);
CREATE INDEX ix_rate_limit_counter_window ON rate_limit_counter (window_start);
