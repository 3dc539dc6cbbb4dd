package dev.smsauth.sms.outbox;

import java.time.Clock;

import dev.smsauth.sms.ConditionalOnSmsProvider;
import dev.smsauth.sms.SmsSender;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Active when an SMS route names {@code outbox} (the embedded default's only provider). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSmsProvider("outbox")
class OutboxSmsConfiguration {

	@Bean
	SmsSender outboxSmsSender(JdbcClient jdbc, Clock clock) {
		return new OutboxSmsSender(jdbc, clock);
	}

}
