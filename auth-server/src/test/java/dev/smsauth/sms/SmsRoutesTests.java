package dev.smsauth.sms;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsRoutesTests {

	@Test
	void whenACallingCodeHasItsOwnRouteThenItsNumbersTakeItAndEveryOtherNumberTakesTheDefault() {
		SmsRoutes routes = bind(Map.of("auth.sms.routes.default", "vonage, twilio", "auth.sms.routes.86", "twilio",
				"auth.sms.routes.1", "twilio,vonage"));

		assertThat(routes.routeFor("+8613800138000")).containsExactly("twilio");
		assertThat(routes.routeFor("+14155550100")).containsExactly("twilio", "vonage");
		assertThat(routes.routeFor("+447700900123")).containsExactly("vonage", "twilio");
		assertThat(routes.routeFor("+8612345")).as("86 is the code, not 861").containsExactly("twilio");
		assertThat(routes.providers()).containsExactlyInAnyOrder("vonage", "twilio");
		assertThat(routes.outboxOnly()).isFalse();
	}

	@Test
	void whenNoRouteIsSetThenTheOlderProviderSettingIsTheDefaultRoute() {
		assertThat(bind(Map.of()).defaultRoute()).containsExactly("outbox");
		assertThat(bind(Map.of()).outboxOnly()).isTrue();
		assertThat(bind(Map.of("auth.sms.provider", "vonage")).routeFor("+8613800138000")).containsExactly("vonage");
		assertThat(bind(Map.of("auth.sms.provider", "vonage", "auth.sms.routes.default", "twilio")).defaultRoute())
			.as("the routes win over the older setting")
			.containsExactly("twilio");
	}

	@Test
	void whenARouteIsWrongThenStartingFailsNamingEverySettingThatIsWrong() {
		assertThatThrownBy(() -> bind(Map.of("auth.sms.routes.default", "vonage,sinch", "auth.sms.routes.44", "twilio,twilio",
				"auth.sms.routes.uk", "vonage", "auth.sms.routes.49", " , ")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("auth.sms.routes.default: unknown provider 'sinch'")
			.hasMessageContaining("auth.sms.routes.44: 'twilio' is named twice")
			.hasMessageContaining("auth.sms.routes.uk: the key must be 'default' or a calling code")
			.hasMessageContaining("auth.sms.routes.49: names no provider");
	}

	@Test
	void whenRoutesAreGivenAsListsThenTheyAreReadTheSame() {
		SmsRoutes routes = SmsRoutes.of("outbox", Map.of("default", List.of(" Vonage ", "OUTBOX")));
		assertThat(routes.defaultRoute()).containsExactly("vonage", "outbox");
		assertThat(routes.outboxOnly()).isFalse();
	}

	private static SmsRoutes bind(Map<String, String> properties) {
		MockEnvironment environment = new MockEnvironment();
		properties.forEach(environment::setProperty);
		return SmsRoutes.bind(Binder.get(environment));
	}

}
