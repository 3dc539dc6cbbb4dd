package dev.smsauth.sms.outbox;

import java.time.Instant;

/** One message in the dev outbox, as the API returns it. */
record OutboxMessage(String to, String text, Instant sentAt) {
}
