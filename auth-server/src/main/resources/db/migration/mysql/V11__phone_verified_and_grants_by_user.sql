-- TRUE once the holder proved the number on the account with a code sent to it (enrollment, a
-- self-service change, or an SMS sign-in to that very number); FALSE again when an administrator
-- sets a number. Numbers already stored are not known to be proven.
ALTER TABLE user_account ADD COLUMN phone_number_verified boolean DEFAULT FALSE NOT NULL;

-- A user change that ends access (disable, delete, password reset, phone change, demotion) removes
-- every grant of that user in one DELETE by principal_name: without an index it would scan all grants.
CREATE INDEX ix_authorization_principal_name ON oauth2_authorization (principal_name);
