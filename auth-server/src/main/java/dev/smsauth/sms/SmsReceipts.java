package dev.smsauth.sms;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Takes verified delivery receipts from the providers' webhooks ({@code sms.vonage},
 * {@code sms.twilio}) into {@link SmsMessages}, and counts every receipt, forged ones included, in
 * {@code smsauth.sms.receipts{provider,outcome}} ({@code accepted}, {@code unknown}, {@code forged}).
 * A receipt for an id we never sent is answered like any other (a forger learns nothing) and
 * changes nothing.
 */
@Component
public class SmsReceipts {

	private static final Logger log = LoggerFactory.getLogger(SmsReceipts.class);

	static final String METRIC = "smsauth.sms.receipts";

	/** What came of one receipt. */
	public enum Outcome {

		/** The message is ours: its status was brought up to date, or already was. */
		ACCEPTED,

		/** No message of ours has this id. */
		UNKNOWN,

		/** The signature was missing or wrong: refused, nothing read. */
		FORGED;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final SmsMessages messages;

	private final MeterRegistry registry;

	SmsReceipts(SmsMessages messages, MeterRegistry registry) {
		this.messages = messages;
		this.registry = registry;
	}

	/** Applies a receipt whose signature was verified. */
	public Outcome apply(SmsReceipt receipt) {
		Outcome outcome = messages.applyReceipt(receipt) ? Outcome.ACCEPTED : Outcome.UNKNOWN;
		if (outcome == Outcome.UNKNOWN) {
			log.info("SMS receipt from {} for an unknown message id", receipt.provider());
		}
		count(receipt.provider(), outcome);
		return outcome;
	}

	/**
	 * A receipt without a valid signature: counted and logged with the provider and the sender's
	 * address only (its parameters are whatever the sender chose to write).
	 */
	public void forged(String provider, String remoteAddress) {
		log.warn("SMS receipt refused: {} signature missing or wrong (from {})", provider, remoteAddress);
		count(provider, Outcome.FORGED);
	}

	private void count(String provider, Outcome outcome) {
		Counter.builder(METRIC)
			.description("Delivery receipts by provider and what came of them")
			.tag("provider", provider)
			.tag("outcome", outcome.tag())
			.register(registry)
			.increment();
	}

}
