-- Recovery codes (issue 13, part 3): ten single-use codes per account, the "lost my phone" way
-- in. Only an HMAC-SHA256 of each code under the server's key is stored (the codes are random,
-- over 50 bits each, so a keyed fast hash is enough), keyed with the account id too, so a copy of
-- this table reveals no code and a hash is useless for any other account. A code is used by one
-- conditional UPDATE (used_at IS NULL), so two parallel uses of one code give one success.
-- Generating a new set deletes the old one. Deleting the account deletes its codes.
CREATE TABLE user_recovery_code (
    id varchar(36) NOT NULL,
    user_id varchar(36) NOT NULL,
    code_hash varchar(64) NOT NULL,
    created_at timestamp NOT NULL,
    used_at timestamp DEFAULT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_user_recovery_code UNIQUE (user_id, code_hash),
    CONSTRAINT fk_user_recovery_code_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
);
