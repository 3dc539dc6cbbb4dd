-- The code exchange takes the ID token's sid from the person's most recently used live session
-- (config.IndexedSessionRegistry.newestLiveSessionOnly: ORDER BY LAST_ACCESS_TIME DESC LIMIT 1).
-- With PRINCIPAL_NAME alone indexed (V1's SPRING_SESSION_IX3) every session of the person was read
-- and sorted at each sign-in; with the last access time in the index the newest is the first entry.
CREATE INDEX SPRING_SESSION_IX4 ON SPRING_SESSION (PRINCIPAL_NAME, LAST_ACCESS_TIME);
