package dev.smsauth.bench;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The management API as an operator's script uses it: a client_credentials token with scope
 * {@code management}, then applications, users and (embedded default) the dev SMS outbox.
 */
final class Management {

	/** Renew the token well before its 10 minutes are up; runs can be longer than that. */
	private static final long TOKEN_RENEW_NANOS = 4L * 60 * 1_000_000_000L;

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	private final Http http;

	private final String clientId;

	private final String secret;

	private String token;

	private long tokenAt;

	Management(Http http, String clientId, String secret) {
		this.http = http;
		this.clientId = clientId;
		this.secret = secret;
	}

	/** A registered application with its secret (shown once, at creation). */
	record App(String clientId, String clientSecret) {
	}

	App createApplication(String json) {
		Response created = http.postJson("/api/v1/applications", json, bearer()).expect(201, "create application");
		return new App(Json.required(created.body(), "clientId"), Json.string(created.body(), "clientSecret"));
	}

	void createUser(String username, String phoneNumber, String password) {
		String json = "{\"username\":" + Json.quote(username) + ",\"phoneNumber\":" + Json.quote(phoneNumber)
				+ ",\"password\":" + Json.quote(password) + "}";
		http.postJson("/api/v1/users", json, bearer()).expect(201, "create user " + username);
	}

	/** The newest code sent to {@code phoneNumber}, from the dev outbox (newest first). */
	String latestCode(Http via, String phoneNumber) {
		Response outbox = via.get("/api/v1/dev/sms-outbox?to=" + Http.encode(phoneNumber), bearer())
			.expect(200, "read the SMS outbox");
		String text = Json.string(outbox.body(), "text");
		Matcher m = CODE.matcher(text == null ? "" : text);
		if (!m.find()) {
			throw new BenchException("no code in the outbox for " + phoneNumber);
		}
		return m.group(1);
	}

	/**
	 * The server's meter of its hashes and signatures, from its Prometheus scrape; {@link ServerCrypto#NONE}
	 * when that can not be read: the meter is a second opinion on the floor, never a reason to fail a run.
	 */
	ServerCrypto crypto() {
		try {
			Response scrape = http.get("/actuator/prometheus", bearer());
			return scrape.status() == 200 ? ServerCrypto.parse(scrape.body()) : ServerCrypto.NONE;
		}
		catch (RuntimeException ex) {
			return ServerCrypto.NONE;
		}
	}

	private synchronized String[] bearer() {
		if (token == null || System.nanoTime() - tokenAt > TOKEN_RENEW_NANOS) {
			Response answer = http.postForm("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", "management"),
					"Authorization", Http.basic(clientId, secret))
				.expect(200, "management token");
			token = Json.required(answer.body(), "access_token");
			tokenAt = System.nanoTime();
		}
		return new String[] { "Authorization", "Bearer " + token };
	}

}
