-- Every SMS handed to a provider (issue 14): which provider, its message id, parts, price, and what
-- the delivery receipts later said. One row per attempt: a send that fails over from one provider
-- to the next leaves a 'rejected' row for the first and a 'submitted' row for the second, so the
-- delivery rate per provider counts what each provider did. The number is kept masked only; the
-- calling code is kept for routing and cost per country. The text (a code) is never stored.
-- status: rejected (the provider did not accept it), submitted (accepted, no final receipt yet),
-- delivered, failed, expired (final receipts).
CREATE TABLE sms_message (
    id varchar(36) NOT NULL,
    purpose varchar(16) NOT NULL,
    user_id varchar(36) DEFAULT NULL,
    client_id varchar(100) DEFAULT NULL,
    challenge_id varchar(36) DEFAULT NULL,
    provider varchar(32) NOT NULL,
    provider_message_id varchar(100) DEFAULT NULL,
    calling_code varchar(4) NOT NULL,
    to_masked varchar(32) NOT NULL,
    parts int DEFAULT 1 NOT NULL,
    price decimal(12, 6) DEFAULT NULL,
    currency varchar(3) DEFAULT NULL,
    status varchar(16) NOT NULL,
    error_code varchar(64) DEFAULT NULL,
    verified boolean DEFAULT FALSE NOT NULL,
    created_at timestamp NOT NULL,
    status_at timestamp NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_sms_message_created ON sms_message (created_at);
CREATE INDEX ix_sms_message_challenge ON sms_message (challenge_id);
CREATE INDEX ix_sms_message_client_created ON sms_message (client_id, created_at);

-- The provider's id of each part of a message (a long or Unicode text goes out in several parts,
-- each with its own receipt). A receipt finds its message through (provider, provider_message_id).
CREATE TABLE sms_message_part (
    provider varchar(32) NOT NULL,
    provider_message_id varchar(100) NOT NULL,
    message_id varchar(36) NOT NULL,
    status varchar(16) NOT NULL,
    error_code varchar(64) DEFAULT NULL,
    PRIMARY KEY (provider, provider_message_id),
    CONSTRAINT fk_sms_message_part_message FOREIGN KEY (message_id) REFERENCES sms_message (id) ON DELETE CASCADE
);
CREATE INDEX ix_sms_message_part_message ON sms_message_part (message_id);
