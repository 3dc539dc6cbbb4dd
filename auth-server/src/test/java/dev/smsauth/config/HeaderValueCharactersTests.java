package dev.smsauth.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import jakarta.servlet.http.HttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HeaderValueCharacters} accepts exactly the header values Spring Security's default
 * {@link StrictHttpFirewall} accepts: compared with the firewall itself for every Unicode code point
 * (lone surrogates included) and for some mixed values.
 */
class HeaderValueCharactersTests {

	private final MockHttpServletRequest raw = new MockHttpServletRequest("GET", "/userinfo");

	private final HttpServletRequest byDefaultFirewall = new StrictHttpFirewall().getFirewalledRequest(raw);

	@Test
	void whenAnyCodePointThenSameAnswerAsTheDefaultFirewall() {
		int accepted = 0;
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String value = "a" + new String(Character.toChars(codePoint)) + "b";
			boolean ours = HeaderValueCharacters.allowed(value);
			assertThat(ours).as("U+%04X", codePoint).isEqualTo(defaultFirewallAccepts(value));
			accepted += ours ? 1 : 0;
		}
		// Sanity: most code points are assigned non-controls, and some are refused.
		assertThat(accepted).isBetween(100_000, Character.MAX_CODE_POINT);
	}

	@Test
	void whenMixedValuesThenSameAnswerAsTheDefaultFirewall() {
		for (String value : List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "a\tb", "a\nb", "a\rb", "\u0000",
				"\u007f", "\u0085", "\u00e9t\u00e9", "\ud83d\ude00", "x\ud83dy", "\ude00", "\ud83d\ud83d\ude00",
				"\uffff", "\u2028", "Basic Zm9vOmJhcg==", "|")) {
			assertThat(HeaderValueCharacters.allowed(value)).as("%s", value.codePoints().boxed().toList())
				.isEqualTo(defaultFirewallAccepts(value));
		}
	}

	private boolean defaultFirewallAccepts(String value) {
		raw.removeHeader("X-Test");
		raw.addHeader("X-Test", value);
		try {
			byDefaultFirewall.getHeader("X-Test");
			return true;
		}
		catch (RequestRejectedException rejected) {
			return false;
		}
	}

}
