package dev.smsauth.mfa.sms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.smsauth.limits.RateLimiterContract;
import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.sms.vonage.VonageFake;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.Budgets;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Send by another route" over real HTTP: the route is {@code vonage,outbox}; the real Vonage SDK
 * posts to a WireMock Vonage that accepts every message and never sends a receipt (a message
 * silently dropped), the outbox is the second provider. Receipts are written straight into
 * {@code sms_message}, as the receipt endpoints would.
 */
@AuthServerTest
@TestPropertySource(properties = { VonageFake.OWN_MANAGEMENT_SECRET, VonageFake.OWN_HMAC_KEY,
		VonageFake.OWN_KEY_ENCRYPTION_KEY, "auth.sms.routes.default=vonage,outbox",
		"auth.sms.outbox.allow-in-production=true", "auth.sms.vonage.api-key=" + VonageFake.API_KEY,
		"auth.sms.vonage.api-secret=" + VonageFake.API_SECRET, "auth.sms.vonage.from=" + VonageFake.FROM,
		"auth.sms.vonage.timeout=10s", "auth.sms.another-route-after=30s" })
class AnotherRouteTests extends MfaTestBase {

	static final WireMockServer VONAGE = VonageFake.start();

	static final Duration AFTER = Duration.ofSeconds(30);

	static final String BUTTON = "Send by another route";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void vonageBaseUri(DynamicPropertyRegistry registry) {
		registry.add("auth.sms.vonage.base-uri", VONAGE::baseUrl);
	}

	@AfterAll
	static void stopVonage() {
		VONAGE.stop();
	}

	@Override
	@BeforeEach
	protected void resetClockAndConnect() {
		super.resetClockAndConnect();
		// Vonage in a route: the embedded default's public management secret is refused.
		admin = new ManagementClient(base, "management-cli", VonageFake.MANAGEMENT_SECRET);
		VONAGE.resetAll();
		VONAGE.stubFor(post(urlEqualTo("/sms/json")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			// Every message its own id, as Vonage gives (sms_message_part is keyed by it).
			.withBody(VonageFake.accepted("14155550000", "{{randomValue length=24 type='ALPHANUMERIC'}}"))
			.withTransformers("response-template")));
	}

	@Test
	void whenVonageAcceptedAndNoReceiptYetThenTheButtonWaitsAndAPressIsRefused() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		assertThat(vonageCodes(person.phone())).hasSize(1);

		TestBrowser.Page page = visitor.smsPage();
		assertThat(offered(page)).isFalse();
		assertThat(page.body()).contains("If the code has not arrived in 30 seconds, reload this page to send it another way.");
		assertThat(status(visitor)).isEqualTo("{\"anotherRoute\":\"waiting\",\"seconds\":30}");

		clock.advance(AFTER.minusSeconds(1));
		assertThat(pressAnotherRoute(visitor).location()).isEqualTo(base + "/mfa/sms");
		assertThat(visitor.smsMessages())
			.isEqualTo("The code may still arrive. If it has not come in 1 seconds, you can send it another way.");
		assertThat(outboxSize(person.phone())).isZero();
		assertThat(vonageCodes(person.phone())).hasSize(1);
	}

	@Test
	void whenNoReceiptInTimeThenAnotherRouteSendsANewCodeThroughTheOutboxAndOnlyItCompletesTheSignIn() {
		App app = app(true);
		Person person = person();
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String dropped = vonageCodes(person.phone()).get(0);

		clock.advance(AFTER);
		assertThat(offered(visitor.smsPage())).isTrue();
		assertThat(status(visitor)).isEqualTo("{\"anotherRoute\":\"available\",\"seconds\":0}");
		TestBrowser.Page pressed = pressAnotherRoute(visitor);
		assertThat(pressed.status()).isEqualTo(303);
		assertThat(pressed.location()).isEqualTo(base + "/mfa/sms");
		assertThat(visitor.smsMessages()).isEqualTo("We sent a new code through another provider.");

		// The second provider took it; Vonage was not asked again.
		assertThat(outboxSize(person.phone())).isEqualTo(1);
		assertThat(vonageCodes(person.phone())).hasSize(1);
		assertThat(auditDetails(person, "SMS_SENT")).containsExactly(person.masked() + " via vonage",
				person.masked() + " via outbox (another route)");
		// The outbox reports delivery at once: nothing more to offer.
		assertThat(offered(visitor.smsPage())).isFalse();

		String fresh = admin.latestCode(person.phone());
		if (!fresh.equals(dropped)) {
			TestBrowser.Page old = visitor.verify(dropped);
			assertThat(old.location()).matches(smsStep());
			assertThat(visitor.smsMessages()).startsWith("That code is not right.");
		}
		TestBrowser.Page verified = visitor.verify(fresh);
		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
		JsonNode idToken = visitor.idToken(verified, app.secret());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
	}

	@Test
	void whenTheReceiptSaidDeliveredThenNoButtonAndAPressIsRefused() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		receipt(person, "delivered");

		clock.advance(AFTER.multipliedBy(2));
		assertThat(offered(visitor.smsPage())).isFalse();
		assertThat(visitor.smsPage().body()).doesNotContain(BUTTON);
		assertThat(pressAnotherRoute(visitor).location()).isEqualTo(base + "/mfa/sms");
		assertThat(visitor.smsMessages()).isEqualTo("We can not send this code another way. Use Send code to get a new code.");
		assertThat(outboxSize(person.phone())).isZero();
	}

	@Test
	void whenTheReceiptSaidFailedThenTheButtonShowsAtOnce() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		receipt(person, "failed");

		assertThat(offered(visitor.smsPage())).isTrue();
		pressAnotherRoute(visitor);
		assertThat(outboxSize(person.phone())).isEqualTo(1);
	}

	@Test
	void whenEveryProviderOfTheRouteWasUsedThenNoButtonAndAPressIsRefused() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		clock.advance(AFTER);
		pressAnotherRoute(visitor);
		assertThat(outboxSize(person.phone())).isEqualTo(1);
		// The outbox's message did not arrive either (as a receipt would say).
		receipt(person, "failed");

		clock.advance(AFTER);
		TestBrowser.Page page = visitor.smsPage();
		assertThat(offered(page)).isFalse();
		assertThat(page.body()).doesNotContain(BUTTON);
		assertThat(status(visitor)).isEqualTo("{\"anotherRoute\":\"none\",\"seconds\":0}");
		assertThat(pressAnotherRoute(visitor).location()).isEqualTo(base + "/mfa/sms");
		assertThat(visitor.smsMessages()).isEqualTo("We can not send this code another way. Use Send code to get a new code.");
		assertThat(outboxSize(person.phone())).isEqualTo(1);
		assertThat(vonageCodes(person.phone())).hasSize(1);
	}

	@Test
	void whenTheAccountsHourlySendsAreSpentThenAnotherRouteIsRefusedLikeSendCode() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		// auth.sms.max-sends-per-hour is 10: the first code took one.
		Budgets.spend(jdbc, "sms:account:" + person.id(), 9, clock.instant());

		clock.advance(AFTER);
		assertThat(offered(visitor.smsPage())).isTrue();
		pressAnotherRoute(visitor);
		assertThat(visitor.smsMessages()).isEqualTo("Too many codes were requested. Please try again later.");
		assertThat(outboxSize(person.phone())).isZero();
		assertThat(auditDetails(person, "SMS_SEND_FAILED")).containsExactly("not sent: hourly limit");
	}

	@Test
	void whenFiftyPressesOfOneSignInArriveAtOnceThenOneNewCodeGoesOut() throws Exception {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		clock.advance(AFTER);
		TestBrowser.Page page = visitor.smsPage();
		assertThat(offered(page)).isTrue();

		List<Integer> answers = RateLimiterContract.fireAtOnce(50,
				() -> visitor.browser().submit(page, "/mfa/sms/another-route", Map.of()).status());

		assertThat(answers).containsOnly(303);
		assertThat(outboxSize(person.phone())).isEqualTo(1);
		assertThat(vonageCodes(person.phone())).hasSize(1);
		assertThat(auditDetails(person, "SMS_SENT")).hasSize(2);
		// The account's hourly budget counted two sends, not fifty-one.
		assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_hit WHERE bucket = :b")
			.param("b", "sms:account:" + person.id())
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void whenEnrollingANumberThenAnotherRouteProvesItToo() {
		App app = app(true);
		Person person = personWithoutPhone();
		Visitor visitor = atSmsStep(app, person);
		String phone = newPhone();
		visitor.enroll(phone);
		assertThat(vonageCodes(phone)).hasSize(1);

		clock.advance(AFTER);
		assertThat(offered(visitor.smsPage())).isTrue();
		pressAnotherRoute(visitor);
		TestBrowser.Page verified = visitor.verify(admin.latestCode(phone));
		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
		assertThat(admin.call("GET", "/api/v1/users/" + person.id(), null).json().get("phoneNumber").asString())
			.isEqualTo(phone);
	}

	/** The "Send by another route" form is on the page and not hidden. */
	private static boolean offered(TestBrowser.Page page) {
		Matcher form = Pattern.compile("<form id=\"another-route\"([^>]*)>").matcher(page.body());
		return form.find() && !Pattern.compile("\\shidden\\b").matcher(form.group(1)).find();
	}

	private TestBrowser.Page pressAnotherRoute(Visitor visitor) {
		TestBrowser.Page page = visitor.smsPage();
		return visitor.browser().submit(page, "/mfa/sms/another-route", Map.of());
	}

	private String status(Visitor visitor) {
		TestBrowser.Page answer = visitor.browser().get("/mfa/sms/another-route", Map.of("Accept", "application/json"));
		assertThat(answer.status()).isEqualTo(200);
		return JSON.readTree(answer.body()).toString();
	}

	/** A receipt for every accepted message to this person, as the receipt endpoints would write it. */
	private void receipt(Person person, String status) {
		jdbc.sql("UPDATE sms_message SET status = :s WHERE user_id = :u AND status <> 'rejected'")
			.param("s", status)
			.param("u", person.id())
			.update();
	}

	/** The codes "Vonage" was asked to send to {@code phone}, oldest first. */
	private static List<String> vonageCodes(String phone) {
		List<LoggedRequest> requests = VONAGE.findAll(postRequestedFor(urlEqualTo("/sms/json")));
		return requests.stream()
			.map(request -> URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8))
			.filter(form -> form.contains("to=" + phone.substring(1) + "&") || form.endsWith("to=" + phone.substring(1)))
			.map(form -> {
				Matcher code = Pattern.compile("text=(\\d{6}) ").matcher(form);
				assertThat(code.find()).as("code in %s", form).isTrue();
				return code.group(1);
			})
			.toList();
	}

	private List<String> auditDetails(Person person, String event) {
		return jdbc.sql("SELECT details FROM audit_event WHERE user_id = :u AND event = :e ORDER BY occurred_at, id")
			.param("u", person.id())
			.param("e", event)
			.query(String.class)
			.list();
	}

}
