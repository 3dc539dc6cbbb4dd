package dev.smsauth.login;

import java.util.Map;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenID Connect {@code login_hint}: the sign-in page starts with it, escaped, and it proves nothing. */
@AuthServerTest
class LoginHintTests extends MfaTestBase {

	@Test
	void whenTheRelyingPartySendsALoginHintThenTheIdentifierFieldStartsWithIt() {
		Visitor visitor = visitor(app(false));
		visitor.authorize(Map.of("login_hint", "alice@example.com"));

		TestBrowser.Page login = visitor.get("/login");

		assertThat(login.body()).contains("id=\"username\"").contains("value=\"alice@example.com\"");
	}

	@Test
	void whenTheHintHoldsMarkupThenItIsEscapedAndWhenTooLongOrRepeatedThenIgnored() {
		Visitor visitor = visitor(app(false));
		visitor.authorize(Map.of("login_hint", "\"><script>alert(1)</script>"));
		assertThat(visitor.get("/login").body()).doesNotContain("<script>alert(1)</script>")
			.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");

		Visitor other = visitor(app(false));
		other.authorize(Map.of("login_hint", "x".repeat(255)));
		assertThat(other.get("/login").body()).doesNotContain("x".repeat(255)).doesNotContain("value=\"x");
	}

	@Test
	void whenTheHintNamesSomeoneElseThenTheTypedIdentifierDecides() {
		Person person = person();
		App app = app(false);
		Visitor visitor = visitor(app);
		visitor.authorize(Map.of("login_hint", "somebody-else"));

		TestBrowser.Page signedIn = visitor.signIn(person.username(), person.password());

		assertThat(signedIn.location()).startsWith(REDIRECT + "?code=");
		assertThat(visitor.idToken(signedIn, app.secret()).get("sub").asString())
			.isEqualTo(person.id());
	}

}
