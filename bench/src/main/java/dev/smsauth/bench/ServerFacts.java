package dev.smsauth.bench;

/**
 * Facts about the server process itself.
 *
 * @param startToReadyMs from the process start to the first 200 of the readiness probe
 * @param idleRssKb VmRSS after readiness, a full GC and a short pause, before any load
 */
record ServerFacts(String profile, String jar, long pid, double startToReadyMs, long idleRssKb, String javaVersion) {
}
