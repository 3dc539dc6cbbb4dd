package dev.smsauth.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.sms.SmsMessage;
import dev.smsauth.sms.SmsSender;
import dev.smsauth.sms.SmsSubmission;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An SMS provider for tests that stores messages in the dev outbox like the real outbox provider,
 * or fails on demand. {@code @Import(SwitchableSmsSender.Config.class)} puts it in place of the
 * outbox (it has the outbox's name and comes first).
 */
public final class SwitchableSmsSender implements SmsSender {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AtomicInteger calls = new AtomicInteger();

	private volatile SmsDeliveryException failure;

	SwitchableSmsSender(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Every following send throws {@code failure}; {@code null} makes sends work again. */
	public void failWith(SmsDeliveryException failure) {
		this.failure = failure;
	}

	public int calls() {
		return calls.get();
	}

	@Override
	public SmsSubmission send(SmsMessage message) {
		calls.incrementAndGet();
		SmsDeliveryException current = failure;
		if (current != null) {
			throw current;
		}
		jdbc.sql("INSERT INTO sms_outbox (to_number, text, sent_at) VALUES (:to, :text, :sent)")
			.param("to", message.to())
			.param("text", message.text())
			.param("sent", Timestamp.from(clock.instant()))
			.update();
		return new SmsSubmission(java.util.List.of("switchable-" + calls.get()), null, null, true);
	}

	/** Stands in for the outbox: the routes of the embedded default name it, and this bean comes first. */
	@Override
	public String providerName() {
		return "outbox";
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		SwitchableSmsSender switchableSmsSender(JdbcClient jdbc, Clock clock) {
			return new SwitchableSmsSender(jdbc, clock);
		}

	}

}
