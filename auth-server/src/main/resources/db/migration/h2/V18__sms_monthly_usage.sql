-- Monthly SMS budget per application (issue 14): how many code messages each application's sign-ins
-- used in a calendar month (UTC). One row per application and month, created by an insert that only
-- one node can win; a send takes its slot with one conditional UPDATE (used < budget), so parallel
-- sends on any node can not overshoot. month_start is the first day of the month. Rows older than
-- 13 months are deleted by the clean-up job. The budget itself is a setting of the registered client.
CREATE TABLE sms_monthly_usage (
    client_id varchar(100) NOT NULL,
    month_start date NOT NULL,
    used int DEFAULT 0 NOT NULL,
    PRIMARY KEY (client_id, month_start)
);
CREATE INDEX ix_sms_monthly_usage_month ON sms_monthly_usage (month_start);
