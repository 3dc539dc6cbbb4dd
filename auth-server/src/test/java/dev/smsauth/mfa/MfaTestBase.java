package dev.smsauth.mfa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the SMS-step tests share: a running server (the subclass says which, with
 * {@code @AuthServerTest}), the movable clock reset before each test, the management API, and
 * fresh applications, people and phone numbers per test so that cooldowns and hourly caps of one
 * test never touch another.
 */
public abstract class MfaTestBase {

	public static final String REDIRECT = "https://app.example.com/callback";

	public static final String OTHER_REDIRECT = "https://app.example.com/other-callback";

	public static final String PASSWORD = "correct-horse-battery";

	private static final AtomicLong NUMBERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 8_000_000));

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected JdbcClient jdbc;

	protected ManagementClient admin;

	protected String base;

	@BeforeEach
	protected void resetClockAndConnect() {
		clock.reset();
		base = "http://localhost:" + port;
		admin = new ManagementClient(base);
	}

	/**
	 * The SMS page's address as a regular expression: Spring Security's missing-factor redirect
	 * may add {@code factor.type} and {@code factor.reason} to it.
	 */
	protected String smsStep() {
		return Pattern.quote(base + "/mfa/sms") + "(\\?.*)?";
	}

	/** An application with its secret. */
	public record App(String clientId, String secret) {
	}

	/** A person with an account: id (the OIDC subject), sign-in name, phone (or null), password. */
	public record Person(String id, String username, String phone, String password) {

		/** The last four digits, as the masked number shows them. */
		public String masked() {
			return "+1 ••• ••• " + phone.substring(phone.length() - 4);
		}

	}

	/** A US number never used before in this JVM: +1 415 then seven digits. */
	protected static String newPhone() {
		return "+1415" + String.format("%07d", NUMBERS.incrementAndGet());
	}

	protected App app(boolean sms) {
		JsonNode json = admin.createApplication("{\"name\":\"App " + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"redirectUris\":[\"" + REDIRECT + "\",\"" + OTHER_REDIRECT + "\"],"
				+ "\"scopes\":[\"openid\",\"profile\",\"phone\"],\"mfa\":{\"sms\":" + sms + "}}");
		return new App(json.get("clientId").asString(), json.get("clientSecret").asString());
	}

	protected Person person() {
		return person(newPhone());
	}

	protected Person personWithoutPhone() {
		return person(null);
	}

	protected Person person(String phone) {
		String username = "u-" + UUID.randomUUID().toString().substring(0, 12);
		JsonNode json = admin.createUser(username, phone, PASSWORD);
		return new Person(json.get("id").asString(), username, phone, PASSWORD);
	}

	protected Visitor visitor(App app) {
		return new Visitor(new TestBrowser(base), app.clientId(), REDIRECT);
	}

	/**
	 * Authorize, then the password: asserts the exact hops (login page, then 303 straight to the SMS
	 * page: the password's answer already knows the waiting request needs it) and returns the visitor
	 * standing at the SMS step.
	 */
	protected Visitor atSmsStep(App app, Person person) {
		return atSmsStep(visitor(app), person);
	}

	protected Visitor atSmsStep(Visitor visitor, Person person) {
		TestBrowser.Page start = visitor.authorize();
		assertThat(start.isSignInPage()).as("the authorization endpoint answers with the sign-in page").isTrue();
		TestBrowser.Page afterPassword = visitor.signIn(person.username(), person.password());
		assertThat(afterPassword.status()).isEqualTo(303);
		assertThat(afterPassword.location()).matches(smsStep());
		return visitor;
	}

	/**
	 * Send code, type the code from the outbox, Verify: returns Verify's answer, which is the waiting
	 * authorization request's own (resumed in place, usually 303 to the application with its code).
	 */
	protected TestBrowser.Page passSms(Visitor visitor, String phone) {
		assertThat(visitor.sendCode().status()).isEqualTo(200);
		TestBrowser.Page verified = visitor.verify(admin.latestCode(phone));
		assertThat(verified.status()).isEqualTo(303);
		assertThat(verified.location()).as("after Verify: %s", visitor.smsMessages())
			.doesNotStartWith(base + "/mfa/sms");
		return verified;
	}

	/** Authorization codes the server has issued to an application so far (from its database). */
	protected int codesIssued(App app) {
		return jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization a JOIN oauth2_registered_client c "
				+ "ON a.registered_client_id = c.id WHERE c.client_id = :client AND a.authorization_code_value IS NOT NULL")
			.param("client", app.clientId())
			.query(Integer.class)
			.single();
	}

	protected int outboxSize(String phone) {
		return admin.outbox(phone).size();
	}

	/**
	 * Every database column (table.column) holding {@code code} as a whole number: text columns as
	 * a digit run on its own, binary columns (serialised sessions, tokens) read as bytes, numeric
	 * columns by value.
	 */
	protected List<String> columnsHolding(String code) {
		Pattern digits = Pattern.compile("(?<![0-9])" + code + "(?![0-9])");
		List<String> hits = new ArrayList<>();
		List<String[]> columns = jdbc
			.sql("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'")
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3).toUpperCase() })
			.list();
		for (String[] column : columns) {
			String type = column[2];
			String select = "SELECT \"" + column[1] + "\" FROM \"" + column[0] + "\"";
			boolean found;
			if (type.contains("BINARY") || type.contains("BLOB")) {
				found = jdbc.sql(select)
					.query((rs, row) -> rs.getBytes(1))
					.list()
					.stream()
					.anyMatch(b -> b != null && digits.matcher(new String(b, StandardCharsets.ISO_8859_1)).find());
			}
			else if (type.contains("CHAR") || type.contains("CLOB")) {
				found = jdbc.sql(select)
					.query((rs, row) -> rs.getString(1))
					.list()
					.stream()
					.anyMatch(s -> s != null && digits.matcher(s).find());
			}
			else if ((type.contains("INT") || type.contains("NUMERIC") || type.contains("DECIMAL"))
					&& Integer.parseInt(code) >= 100_000) {
				// Small values (a code like 000042) would match counters and ids by chance.
				found = jdbc.sql(select)
					.query((rs, row) -> rs.getObject(1))
					.list()
					.stream()
					.anyMatch(n -> n != null && n.toString().equals(String.valueOf(Integer.parseInt(code))));
			}
			else {
				continue;
			}
			if (found) {
				hits.add(column[0].toLowerCase() + "." + column[1].toLowerCase());
			}
		}
		return hits;
	}

}
