-- Administrators may use the console (/console); everyone else may only sign in.
ALTER TABLE user_account ADD COLUMN admin boolean DEFAULT FALSE NOT NULL;
