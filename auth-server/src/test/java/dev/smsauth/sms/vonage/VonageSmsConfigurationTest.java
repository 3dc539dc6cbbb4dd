package dev.smsauth.sms.vonage;

import java.time.Duration;

import dev.smsauth.sms.SmsSender;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class VonageSmsConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(VonageSmsConfiguration.class);

	@Test
	void whenVonageIsChosenWithoutSettingsThenStartupFailsNamingEachMissingOne() {
		runner.withPropertyValues("auth.sms.provider=vonage").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("auth.sms.vonage.api-key (AUTH_SMS_VONAGE_API_KEY)")
				.hasMessageContaining("auth.sms.vonage.api-secret (AUTH_SMS_VONAGE_API_SECRET)")
				.hasMessageContaining("auth.sms.vonage.from (AUTH_SMS_VONAGE_FROM)");
		});
	}

	@Test
	void whenOnlyTheSecretIsMissingThenOnlyTheSecretIsNamed() {
		runner.withPropertyValues("auth.sms.provider=vonage", "auth.sms.vonage.api-key=key",
				"auth.sms.vonage.from=SmsAuth", "auth.sms.vonage.api-secret= ")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("AUTH_SMS_VONAGE_API_SECRET")
					.message()
					.doesNotContain("AUTH_SMS_VONAGE_API_KEY")
					.doesNotContain("AUTH_SMS_VONAGE_FROM");
			});
	}

	@Test
	void whenVonageIsConfiguredThenItIsTheSmsSenderWithDefaultBaseUriAndTimeout() {
		runner.withPropertyValues("auth.sms.provider=vonage", "auth.sms.vonage.api-key=key",
				"auth.sms.vonage.api-secret=secret", "auth.sms.vonage.from=SmsAuth")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBean(SmsSender.class).isInstanceOf(VonageSmsSender.class);
				VonageProperties properties = context.getBean(VonageProperties.class);
				assertThat(properties.baseUri()).isEqualTo("https://rest.nexmo.com");
				assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void whenTimeoutAndBaseUriAreSetThenTheyAreBound() {
		runner.withPropertyValues("auth.sms.provider=vonage", "auth.sms.vonage.api-key=key",
				"auth.sms.vonage.api-secret=secret", "auth.sms.vonage.from=SmsAuth",
				"auth.sms.vonage.timeout=300ms", "auth.sms.vonage.base-uri=http://127.0.0.1:9")
			.run(context -> {
				VonageProperties properties = context.getBean(VonageProperties.class);
				assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(300));
				assertThat(properties.baseUri()).isEqualTo("http://127.0.0.1:9");
			});
	}

	@Test
	void whenAnotherProviderIsChosenThenNoVonageSenderAndNoVonageSettingsNeeded() {
		runner.withPropertyValues("auth.sms.provider=outbox").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SmsSender.class);
			assertThat(context).doesNotHaveBean(VonageProperties.class);
		});
	}

	@Test
	void propertiesToStringHidesTheSecret() {
		VonageProperties properties = new VonageProperties("key", "s3cr3t-value", "SmsAuth", null, null, null);

		assertThat(properties.toString()).doesNotContain("s3cr3t-value").contains("key", "SmsAuth");
	}

}
