package dev.smsauth.mfa;

import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue rule 8: the hosted pages and the SMS text in English and Simplified Chinese, chosen by
 * the browser's Accept-Language or, winning over it, the application's {@code ui_locales}.
 */
@AuthServerTest
class HostedPagesLanguageTests extends MfaTestBase {

	@Test
	void whenBrowserSpeaksEnglishThenEnglishPagesAndSms() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		TestBrowser.Page login = new TestBrowser(base).acceptLanguage("en").get("/login");

		assertThat(login.body()).contains("<label for=\"username\">Phone number, email or username</label>")
			.contains("<label for=\"password\">Password</label>")
			.contains(">Sign in</button>");
		assertThat(visitor.smsPage().body()).contains(">Send code</button>");
		visitor.sendCode();
		assertThat(admin.outbox(person.phone()).get(0).get("text").asString()).contains("is your verification code");
	}

	@Test
	void whenBrowserSpeaksChineseThenLoginPageInChinese() {
		TestBrowser.Page login = new TestBrowser(base).acceptLanguage("zh-CN,zh;q=0.9").get("/login");

		assertThat(login.body()).contains("<html lang=\"zh-CN\">")
			.contains("<label for=\"username\">手机号、邮箱或用户名</label>")
			.contains("<label for=\"password\">密码</label>")
			.contains(">登录</button>")
			.doesNotContain("Phone number, email or username");
	}

	@Test
	void whenBrowserSpeaksChineseThenSmsPageAndSmsTextInChinese() {
		Person person = person();
		Visitor visitor = atSmsStep(new Visitor(new TestBrowser(base).acceptLanguage("zh-CN"), app(true).clientId(),
				REDIRECT), person);

		assertThat(visitor.smsPage().body()).contains(">发送验证码</button>").doesNotContain(">Send code<");
		TestBrowser.Page page = visitor.sendCode();
		String code = admin.latestCode(person.phone());

		assertThat(admin.outbox(person.phone()).get(0).get("text").asString()).startsWith("您的验证码是 " + code);
		assertThat(page.alerts()).isEqualTo("验证码已通过短信发送。");
		assertThat(page.body()).contains("<label for=\"code\">验证码</label>").contains(">验证</button>");
	}

	@Test
	void whenUiLocalesZhThenChinesePagesForEnglishBrowser() {
		Person person = person();
		App app = app(true);
		Visitor visitor = new Visitor(new TestBrowser(base).acceptLanguage("en"), app.clientId(), REDIRECT);

		TestBrowser.Page start = visitor.authorize(Map.of("ui_locales", "zh-CN"));
		assertThat(start.isSignInPage()).isTrue();
		TestBrowser.Page login = visitor.get("/login");
		assertThat(login.body()).contains("手机号、邮箱或用户名").doesNotContain("Phone number, email or username");

		TestBrowser.Page afterPassword = visitor.signIn(person.username(), person.password());
		assertThat(afterPassword.location()).matches(smsStep());
		assertThat(visitor.smsPage().body()).contains(">发送验证码</button>");
		visitor.sendCode();
		assertThat(admin.outbox(person.phone()).get(0).get("text").asString()).startsWith("您的验证码是");
	}

}
