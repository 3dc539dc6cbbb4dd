package dev.smsauth.hostile;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever is posted to the sign-in form, the answer is a 303 back to the sign-in page with the
 * one generic error (or a 400/413 for a form Tomcat refuses to parse), never a 5xx, a stack
 * trace or the input reflected as markup.
 */
class SignInPagePropertyTests {

	static String username;

	@BeforeContainer
	static void createUser() {
		username = HostileServer.user("signin", HostileServer.phone(), false);
	}

	@Property(tries = 60)
	void whenAnyCredentialsArePostedThenSeeOtherAndNothingLeaks(@ForAll("credentials") List<Map.Entry<String, String>> fields) {
		Http browser = new Http(HostileServer.base());
		String csrf = browser.csrf("/login");
		Http.Reply reply = browser.postForm("/login", Http.pairs(fields) + "&_csrf=" + Http.enc(csrf));
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, fields);
		// Tomcat refuses a form it can not parse (an empty parameter name, a bad escape) with 400,
		// and one over the size limit with 413; everything else is a failed sign-in.
		assertThat(reply.status()).as("%s", reply).isIn(303, 400, 413);
		if (reply.status() == 303) {
			assertThat(reply.header("Location")).endsWith("/login?error");
			Http.Reply page = browser.get("/login?error");
			Hostile.assertSafe(page, fields);
		}
	}

	@Property(tries = 40)
	void whenAnyQueryIsSentToTheSignInPageThenItRendersSafely(@ForAll("query") List<Map.Entry<String, String>> query) {
		Http.Reply reply = new Http(HostileServer.base()).get("/login?" + Http.pairs(query));
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, query);
	}

	/** Bytes no encoder would produce: malformed escapes, overlong and invalid UTF-8, bare separators. */
	@Property(tries = 40)
	void whenTheFormBodyIsMalformedThenAClientErrorOrAFailedSignIn(@ForAll("rawBodies") String rawBody) {
		Http browser = new Http(HostileServer.base());
		String csrf = browser.csrf("/login");
		Http.Reply reply = browser.postForm("/login", rawBody + "&_csrf=" + Http.enc(csrf));
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, rawBody);
		assertThat(reply.status()).as("%s", reply).isIn(303, 400, 403, 413);
	}

	@Provide
	Arbitrary<String> rawBodies() {
		Arbitrary<String> junk = Arbitraries.of("%FF%FE", "%C0%AF", "%E2%80", "%ED%A0%80", "%F4%90%80%80", "%zz", "%",
				"%0", "%00", "%0D%0A", "+", "&&", "==", "=", ";", "%26", "%3D", "\u0000");
		return net.jqwik.api.Combinators
			.combine(Arbitraries.of("username", "password", "", "_csrf", "user%00name"), junk.list().ofMinSize(1).ofMaxSize(4),
					Arbitraries.of("password", "username"), junk)
			.as((name, values, other, value) -> name + "=" + String.join("", values) + "&" + other + "=" + value);
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> credentials() {
		// The real username with a wrong password reaches bcrypt; anything else the lookup.
		Arbitrary<String> names = Hostile.validOr(Arbitraries.of(username, username.toUpperCase(), " " + username));
		return Hostile.parameters(Map.of("username", names, "password", Hostile.anyValue()));
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> query() {
		return Hostile.parameters(Map.of("error", Hostile.anyValue(), "logout", Hostile.anyValue(), "ui_locales",
				Hostile.anyValue(), "continue", Hostile.anyValue()));
	}

}
