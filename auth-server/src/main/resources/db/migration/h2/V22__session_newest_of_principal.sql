-- The code exchange takes the ID token's sid from the person's most recently used live session
-- (config.IndexedSessionRegistry.newestLiveSessionOnly: ORDER BY PRINCIPAL_NAME, LAST_ACCESS_TIME
-- DESC, first row). With PRINCIPAL_NAME alone indexed (V1's SPRING_SESSION_IX3) every session of the
-- person was read and sorted at each sign-in. This index answers with its first entry, and its
-- leading column serves every lookup by principal that IX3 served; H2's planner kept choosing IX3
-- and sorting while both existed, so IX3 goes.
CREATE INDEX SPRING_SESSION_IX4 ON SPRING_SESSION (PRINCIPAL_NAME, LAST_ACCESS_TIME DESC);
DROP INDEX SPRING_SESSION_IX3;
