package dev.smsauth.hostile;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.smsauth.sms.twilio.TwilioFake;
import dev.smsauth.sms.vonage.VonageFake;
import dev.smsauth.support.StartedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile delivery receipts: anything a stranger can send to {@code /sms/receipts/vonage} (GET,
 * form, JSON) and {@code /sms/receipts/twilio} (form, with any signature header), including the real
 * ids of messages in flight and the statuses that would settle them. Without the provider's
 * signature the answer is 401 (or 413 for a body no receipt has, 400 for what Tomcat refuses),
 * never a 5xx, and no message changes.
 */
class ReceiptPropertyTests {

	static final String VONAGE_ID = "0B00000012345678";

	static final String TWILIO_SID = "SM" + "0123456789abcdef0123456789abcdef";

	static StartedServer server;

	static Http http;

	static JdbcClient jdbc;

	@BeforeContainer
	static void start() {
		server = StartedServer.start(List.of(),
				"--spring.datasource.url=jdbc:h2:mem:hostile-receipts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--" + VonageFake.OWN_MANAGEMENT_SECRET, "--" + VonageFake.OWN_HMAC_KEY,
				"--" + VonageFake.OWN_KEY_ENCRYPTION_KEY, "--auth.sms.routes.default=vonage,twilio",
				"--auth.sms.vonage.api-key=" + VonageFake.API_KEY, "--auth.sms.vonage.api-secret=" + VonageFake.API_SECRET,
				"--auth.sms.vonage.from=" + VonageFake.FROM,
				"--auth.sms.vonage.signature-secret=hostile-receipts-signature-secret",
				"--auth.sms.twilio.account-sid=" + TwilioFake.ACCOUNT_SID, "--auth.sms.twilio.auth-token=" + TwilioFake.AUTH_TOKEN,
				"--auth.sms.twilio.from=" + TwilioFake.FROM, "--auth.sms.receipts.public-base-url=https://auth.example.test");
		http = new Http(server.base());
		jdbc = server.bean(JdbcClient.class);
		inFlight("vonage", VONAGE_ID);
		inFlight("twilio", TWILIO_SID);
	}

	@AfterContainer
	static void stop() {
		server.close();
	}

	@AfterProperty
	void nothingChanged() {
		assertThat(jdbc.sql("SELECT status FROM sms_message").query(String.class).list()).containsOnly("submitted");
		assertThat(jdbc.sql("SELECT status FROM sms_message_part").query(String.class).list()).containsOnly("submitted");
	}

	@Property(tries = 60)
	void whenAnyVonageReceiptArrivesUnsignedThenRefusedAndNothingChanges(
			@ForAll("vonageFields") List<Map.Entry<String, String>> fields, @ForAll("ways") String way) {
		Http.Reply reply = switch (way) {
			case "get" -> http.get("/sms/receipts/vonage?" + Http.pairs(fields));
			case "form" -> http.postForm("/sms/receipts/vonage", Http.pairs(fields));
			default -> http.send("POST", "/sms/receipts/vonage", "application/json", json(fields));
		};
		assertRefused(reply, fields);
	}

	@Property(tries = 60)
	void whenAnyTwilioCallbackArrivesWithAnySignatureThenRefusedAndNothingChanges(
			@ForAll("twilioFields") List<Map.Entry<String, String>> fields, @ForAll("signatures") String signature) {
		Http.Reply reply = signature == null ? http.postForm("/sms/receipts/twilio", Http.pairs(fields))
				: http.send("POST", "/sms/receipts/twilio", "application/x-www-form-urlencoded", Http.pairs(fields),
						"X-Twilio-Signature", signature);
		assertRefused(reply, fields);
	}

	private static void assertRefused(Http.Reply reply, Object input) {
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, input);
		// 400: a request Tomcat itself refuses (an illegal character in the target) never reaches us.
		assertThat(reply.status()).as("%s", reply).isIn(400, 401, 413);
		assertThat(reply.headers().getOrDefault("set-cookie", List.of())).as("no session for a receipt").isEmpty();
	}

	@Provide
	Arbitrary<String> ways() {
		return Arbitraries.of("get", "form", "json");
	}

	@Provide
	Arbitrary<String> signatures() {
		return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(null)),
				Tuple.of(2, Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=").ofLength(28)),
				// What an HTTP client can put in a header at all: visible ASCII and spaces.
				Tuple.of(1, Hostile.anyValue().filter(v -> v.chars().allMatch(c -> c >= 0x20 && c < 0x7f))));
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> vonageFields() {
		return Hostile.parameters(Map.of("messageId", Hostile.validOr(Arbitraries.just(VONAGE_ID)), "status",
				Hostile.validOr(Arbitraries.of("delivered", "failed", "expired", "rejected")), "err-code",
				Hostile.validOr(Arbitraries.of("0", "6", "99")), "price", Hostile.validOr(Arbitraries.of("0.0333", "-1", "1e99")),
				"sig", Hostile.validOr(Arbitraries.strings().withChars("0123456789abcdef").ofLength(32)), "timestamp",
				Hostile.validOr(Arbitraries.longs().between(0, 4_000_000_000L).map(String::valueOf)), "nonce",
				Hostile.anyValue()));
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> twilioFields() {
		return Hostile.parameters(Map.of("MessageSid", Hostile.validOr(Arbitraries.just(TWILIO_SID)), "MessageStatus",
				Hostile.validOr(Arbitraries.of("delivered", "undelivered", "failed")), "ErrorCode",
				Hostile.validOr(Arbitraries.of("30003", "30008")), "AccountSid", Hostile.validOr(Arbitraries.just(TwilioFake.ACCOUNT_SID))));
	}

	private static String json(List<Map.Entry<String, String>> fields) {
		StringBuilder body = new StringBuilder("{");
		for (Map.Entry<String, String> field : fields) {
			if (body.length() > 1) {
				body.append(',');
			}
			body.append('"').append(escape(field.getKey())).append("\":\"").append(escape(field.getValue())).append('"');
		}
		return body.append('}').toString();
	}

	private static String escape(String value) {
		StringBuilder out = new StringBuilder();
		value.codePoints().forEach(c -> {
			if (c == '"' || c == '\\') {
				out.append('\\').appendCodePoint(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

	private static void inFlight(String provider, String providerId) {
		String id = UUID.randomUUID().toString();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("INSERT INTO sms_message (id, purpose, provider, provider_message_id, calling_code, to_masked, parts, status, "
				+ "verified, created_at, status_at) VALUES (:id, 'code', :provider, :pid, '1', '+1 •••• 0100', 1, 'submitted', FALSE, :now, :now)")
			.param("id", id)
			.param("provider", provider)
			.param("pid", providerId)
			.param("now", now)
			.update();
		jdbc.sql("INSERT INTO sms_message_part (provider, provider_message_id, message_id, status) VALUES (:provider, :pid, :id, 'submitted')")
			.param("provider", provider)
			.param("pid", providerId)
			.param("id", id)
			.update();
	}

}
