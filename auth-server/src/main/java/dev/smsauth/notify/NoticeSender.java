package dev.smsauth.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import dev.smsauth.audit.PendingAuthorization;
import dev.smsauth.user.PhoneMasking;
import dev.smsauth.sms.SmsDelivery;
import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.sms.SentSms;
import dev.smsauth.sms.SmsContext;
import dev.smsauth.sms.SmsMessage;
import dev.smsauth.sms.SmsPurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Delivers one security notice: checks the budgets, sends the fixed text (never a code, never a
 * number) through the provider, counts it and audits the outcome with the masked number. A
 * refusal or a provider failure is logged and audited, never thrown: the change or the sign-in
 * step that caused the notice has already happened and must not fail because of it.
 */
@Component
class NoticeSender {

	private static final Logger log = LoggerFactory.getLogger(NoticeSender.class);

	private final SmsDelivery delivery;

	private final NoticeBudget budget;

	private final NoticeProperties properties;

	private final MessageSource messages;

	private final AuditLog audit;

	NoticeSender(SmsDelivery delivery, NoticeBudget budget, NoticeProperties properties, MessageSource messages,
			AuditLog audit) {
		this.delivery = delivery;
		this.budget = budget;
		this.properties = properties;
		this.messages = messages;
		this.audit = audit;
	}

	/** Sends {@code kind} to {@code number}, the number of (or just taken off) account {@code userId}. */
	void deliver(NoticeKind kind, String userId, String number, String why) {
		deliver(kind, userId, number, why, List.of());
	}

	/**
	 * As above, with the kind's own arguments after the product name; they must come from our own
	 * fixed texts (a browser summary, a date), never from what a visitor typed.
	 */
	void deliver(NoticeKind kind, String userId, String number, String why, List<Object> arguments) {
		String masked = PhoneMasking.mask(number);
		String about = why == null ? kind.auditName() : kind.auditName() + " (" + why + ")";
		// The budget slot is taken before the provider is called and stays spent whatever it answers.
		Optional<String> refusal = budget.reserve(number);
		if (refusal.isPresent()) {
			log.warn("Security notice ({}) to {} not sent: {}", kind.auditName(), masked, refusal.get());
			audit.record(AuditEventType.NOTICE_NOT_SENT, userId, PendingAuthorization.clientId(),
					about + ": not sent, " + refusal.get() + ": " + masked);
			return;
		}
		SentSms sent;
		try {
			// Counted to the application whose sign-in caused it, where there is one.
			sent = delivery.send(new SmsMessage(number, text(kind, arguments)),
					new SmsContext(SmsPurpose.NOTICE, userId, PendingAuthorization.clientId(), null));
		}
		catch (SmsDeliveryException ex) {
			log.warn("Security notice ({}) to {} failed: {}", kind.auditName(), masked, ex.getMessage());
			audit.record(AuditEventType.NOTICE_NOT_SENT, userId, PendingAuthorization.clientId(),
					about + ": provider failed: " + masked);
			return;
		}
		log.info("Security notice ({}) sent to {} via {}", kind.auditName(), masked, sent.provider());
		audit.record(AuditEventType.NOTICE_SENT, userId, PendingAuthorization.clientId(), about + ": " + masked);
	}

	String text(NoticeKind kind) {
		return text(kind, List.of());
	}

	String text(NoticeKind kind, List<Object> arguments) {
		List<Object> all = new ArrayList<>();
		all.add(properties.productName());
		all.addAll(arguments);
		return messages.getMessage(kind.messageKey(), all.toArray(), properties.locale());
	}

}
