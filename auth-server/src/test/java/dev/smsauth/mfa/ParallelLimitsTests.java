package dev.smsauth.mfa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smsauth.limits.RateLimiterContract;
import dev.smsauth.support.Budgets;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every limit fired at fifty times at once over real HTTP on the embedded H2, counting what got
 * through: a limit a script beats by sending in parallel is no limit. The same shots at two nodes
 * on MariaDB are in {@code mysql.RoundRobinClusterTests}.
 */
@AuthServerTestWithIpBudget
class ParallelLimitsTests extends MfaTestBase {

	@BeforeEach
	void freshBudgets() {
		Budgets.resetAll(jdbc);
	}

	@Test
	void whenFiftySendsOfOneSignInArriveAtOnceThenTheProviderIsCalledOnce() throws Exception {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		TestBrowser.Page page = visitor.smsPage();

		List<Integer> answers = RateLimiterContract.fireAtOnce(50,
				() -> visitor.browser().submit(page, "/mfa/sms/send", Map.of()).status());

		assertThat(answers).containsOnly(200);
		assertThat(outboxSize(person.phone())).isEqualTo(1);
		assertThat(auditCount(person, "SMS_SENT")).isEqualTo(1);
	}

	@Test
	void whenFiftyEnrollmentSendsOfOneAccountArriveAtOnceThenOneCodeGoesOutToOneNumber() throws Exception {
		Person person = personWithoutPhone();
		Visitor visitor = atSmsStep(app(true), person);
		TestBrowser.Page page = visitor.smsPage();
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			numbers.add(newPhone());
		}
		AtomicInteger next = new AtomicInteger();

		List<Integer> answers = RateLimiterContract.fireAtOnce(50, () -> visitor.browser()
			.submit(page, "/mfa/sms/send", Map.of("phoneNumber", numbers.get(next.getAndIncrement())))
			.status());

		assertThat(answers).containsOnly(200);
		assertThat(numbers.stream().mapToInt(this::outboxSize).sum()).isEqualTo(1);
		assertThat(auditCount(person, "SMS_SENT")).isEqualTo(1);
	}

	@Test
	void whenTwentyFiveAccountsSendFromOneIpAtOnceThenTheIpBudgetLetsTwentyThrough() throws Exception {
		App app = app(true);
		List<Visitor> visitors = new ArrayList<>();
		List<TestBrowser.Page> pages = new ArrayList<>();
		List<Person> people = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			Person person = person();
			Visitor visitor = atSmsStep(app, person);
			people.add(person);
			visitors.add(visitor);
			pages.add(visitor.smsPage());
		}
		AtomicInteger next = new AtomicInteger();

		List<Integer> answers = RateLimiterContract.fireAtOnce(25, () -> {
			int i = next.getAndIncrement();
			return visitors.get(i).browser().submit(pages.get(i), "/mfa/sms/send", Map.of()).status();
		});

		assertThat(answers).containsOnly(200);
		assertThat(people.stream().mapToInt(p -> outboxSize(p.phone())).sum()).isEqualTo(20);
	}

	@Test
	void whenFiftyWrongCodesOfOneSignInArriveAtOnceThenFiveAreCompared() throws Exception {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		TestBrowser.Page page = visitor.smsPage();

		RateLimiterContract.fireAtOnce(50, () -> visitor.browser()
			.submit(page, "/mfa/sms/verify", Map.of("code", NoCodeBeforeSmsTests.otherThan(code)))
			.status());

		assertThat(auditCount(person, "SMS_CODE_WRONG")).isEqualTo(5);
		// The right code is dead too: the code used up its tries.
		assertThat(visitor.verify(code).location()).matches(smsStep());
	}

	@Test
	void whenFiftyWrongPasswordsForOneAccountArriveAtOnceThenAtMostFiveAreChecked() throws Exception {
		Person person = person();
		List<TestBrowser> browsers = new ArrayList<>();
		List<TestBrowser.Page> forms = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			TestBrowser browser = new TestBrowser(base);
			browsers.add(browser);
			forms.add(browser.get("/login"));
		}
		AtomicInteger next = new AtomicInteger();

		List<String> answers = RateLimiterContract.fireAtOnce(50, () -> {
			int i = next.getAndIncrement();
			return browsers.get(i)
				.submit(forms.get(i), "/login", Map.of("username", person.username(), "password", "wrong-" + i))
				.location()
				.replace(base, "");
		});

		// Three pass at once (auth.signin.delay-after-failures), then the progressive delay may let
		// one more through per second while the burst lasts; five lock this IP out of the account.
		long checked = answers.stream().filter("/login?error"::equals).count();
		assertThat(checked).as(answers.toString()).isBetween(3L, 5L);
		assertThat(answers.stream().filter("/login?error=throttled"::equals).count()).isEqualTo(50 - checked);
	}

	private int auditCount(Person person, String event) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE user_id = :u AND event = :e")
			.param("u", person.id())
			.param("e", event)
			.query(Integer.class)
			.single();
	}

}
