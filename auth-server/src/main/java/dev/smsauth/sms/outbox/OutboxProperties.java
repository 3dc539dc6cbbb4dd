package dev.smsauth.sms.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox keeps every code in the database and {@code /api/v1/dev/sms-outbox} hands them to any
 * management token, so outside the embedded default it has to be asked for by name
 * (bootstrap.EmbeddedDefaults refuses it otherwise).
 *
 * @param allowInProduction lets the outbox run outside the embedded default (a profile, or a
 * database that is not an embedded H2), e.g. for a staging system or a benchmark with no real
 * users; every start then logs a warning. Env {@code AUTH_SMS_OUTBOX_ALLOW_IN_PRODUCTION}.
 */
@ConfigurationProperties("auth.sms.outbox")
public record OutboxProperties(@DefaultValue("false") boolean allowInProduction) {

}
