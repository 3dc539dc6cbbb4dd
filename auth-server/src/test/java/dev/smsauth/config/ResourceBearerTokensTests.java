package dev.smsauth.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The userinfo token resolver gives the framework's answer for every header: the same token, the
 * same refusal, or nothing, whether its one-pass reading of a GET's header or the framework's
 * resolver answered. Compared with {@link DefaultBearerTokenResolver} on every ASCII character in
 * every part of the header, and on random headers.
 */
class ResourceBearerTokensTests {

	private final ResourceBearerTokens ours = new ResourceBearerTokens(PathPatternRequestMatcher.pathPattern("/userinfo"));

	private final DefaultBearerTokenResolver framework = new DefaultBearerTokenResolver();

	@Test
	void whenEveryAsciiCharacterInPrefixTokenAndPaddingThenTheFrameworksAnswer() {
		List<String> headers = new ArrayList<>(List.of("Bearer abc", "bearer abc", "BEARER a.b.c", "Bearer a==",
				"Bearer ", "Bearer", "Bearer  abc", "Bearer a=b", "Bearer =", "Basic Zm9vOmJhcg==", "Bearerabc",
				"Bearer abc ", " Bearer abc", "Bearer abc\n", "DPoP abc", ""));
		for (char c = 0; c < 128; c++) {
			headers.add("Bearer a" + c + "b");
			headers.add("Bearer " + c);
			headers.add("Bearer ab=" + c);
			headers.add("Bearer ab" + c + "=");
			for (int i = 0; i < "Bearer ".length(); i++) {
				headers.add("Bearer ".substring(0, i) + c + "Bearer ".substring(i + 1) + "abc");
			}
		}
		headers.add("Bearer \u00e9");
		headers.add("Be\u0430rer abc"); // Cyrillic a
		headers.add("\u0212Aearer abc");
		headers.forEach(this::assertSameAnswer);
	}

	@Test
	void whenRandomHeadersThenTheFrameworksAnswer() {
		Random random = new Random(15);
		String alphabet = "Bearer abcXYZ0189-._~+/=;:, \t\"\\\u00e9";
		for (int n = 0; n < 20_000; n++) {
			StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
			for (int length = random.nextInt(12); length > 0; length--) {
				header.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertSameAnswer(header.toString());
		}
	}

	@Test
	void whenNotUserinfoThenNoTokenEvenWithAWellFormedHeader() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.addHeader("Authorization", "Bearer abc");
		assertThat(ours.resolve(request)).isNull();
	}

	private void assertSameAnswer(String header) {
		assertThat(answer(ours::resolve, header)).as("[%s]", header).isEqualTo(answer(framework::resolve, header));
	}

	private static String answer(java.util.function.Function<MockHttpServletRequest, String> resolver, String header) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/userinfo");
		request.addHeader("Authorization", header);
		try {
			return "token:" + resolver.apply(request);
		}
		catch (OAuth2AuthenticationException refused) {
			return "refused:" + refused.getError().getErrorCode() + ":" + refused.getError().getDescription();
		}
	}

}
