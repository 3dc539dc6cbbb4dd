package dev.smsauth.bench;

/**
 * The token endpoint's answer to a code exchange, and the client that redeemed the code: a refresh
 * or an introspection must come from that same client.
 */
record Tokens(String accessToken, String refreshToken, String idToken, Management.App client) {
}
