-- The row's version: a new random number written with every INSERT and UPDATE by
-- IndexedAuthorizationService, the only writer of this table's rows (everything else deletes them).
-- A token lookup reads the id and version first through the token's hash index and reads the whole
-- row (about 6 kB: tokens, metadata and the signed-in principal's JSON) only when this node has not
-- parsed it at that version; before, every lookup read the whole row and digested every column.
-- Whoever changes a row by hand must write a new version too (any value other than the old one),
-- or nodes that parsed the row keep serving it as it was.
ALTER TABLE oauth2_authorization ADD COLUMN row_version BIGINT DEFAULT 0 NOT NULL;
