package dev.smsauth.sms.outbox;

import java.time.Clock;

import dev.smsauth.sms.SmsSender;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Active when {@code auth.sms.provider=outbox} (the embedded default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "auth.sms.provider", havingValue = "outbox", matchIfMissing = true)
class OutboxSmsConfiguration {

	@Bean
	SmsSender outboxSmsSender(JdbcClient jdbc, Clock clock) {
		return new OutboxSmsSender(jdbc, clock);
	}

}
