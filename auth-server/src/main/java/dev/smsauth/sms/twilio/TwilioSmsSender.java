package dev.smsauth.sms.twilio;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.sms.SmsMessage;
import dev.smsauth.sms.SmsSender;
import dev.smsauth.sms.SmsSubmission;
import dev.smsauth.user.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS through Twilio Programmable Messaging ({@code POST /2010-04-01/Accounts/{sid}/Messages.json})
 * with the official SDK, over our own transport ({@link TwilioHttpClient}: our timeouts, one attempt).
 * Every message carries the status callback URL, so its receipts reach {@code /sms/receipts/twilio}.
 *
 * <p>Nothing here logs or puts into an exception the message text, the provider's raw answer or the
 * credentials: numbers are masked, outcomes are named by HTTP status and Twilio error code.
 */
public class TwilioSmsSender implements SmsSender {

	private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);

	private final TwilioRestClient client;

	private final TwilioHttpClient http;

	private final PhoneNumber from;

	private final String messagingServiceSid;

	private final URI statusCallback;

	/**
	 * Builds the client once; sends share it.
	 * @param statusCallback where Twilio posts this message's status changes, or null for none
	 */
	public TwilioSmsSender(TwilioProperties properties, URI statusCallback) {
		this.http = new TwilioHttpClient(properties.baseUri(), properties.timeout());
		this.client = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken()).httpClient(http).build();
		this.from = properties.from() == null ? null : new PhoneNumber(properties.from());
		this.messagingServiceSid = properties.messagingServiceSid();
		this.statusCallback = statusCallback;
	}

	@Override
	public SmsSubmission send(SmsMessage message) {
		String maskedTo = PhoneMasking.mask(message.to());
		PhoneNumber to = new PhoneNumber(message.to());
		// A Messaging Service picks its own sender from its pool; otherwise our one number sends.
		MessageCreator creator = messagingServiceSid != null ? Message.creator(to, messagingServiceSid, message.text())
				: Message.creator(to, from, message.text());
		if (statusCallback != null) {
			creator.setStatusCallback(statusCallback);
		}
		Message sent = create(creator, maskedTo);
		if (sent == null || sent.getSid() == null || sent.getSid().isBlank()) {
			throw failure("Twilio answered without a message SID for the SMS to " + maskedTo,
					SmsDeliveryException.Kind.TEMPORARY, "unreadable", null);
		}
		log.info("SMS to {} accepted by twilio, message SID {}", maskedTo, sent.getSid());
		BigDecimal price = price(sent.getPrice());
		String currency = (price == null || sent.getPriceUnit() == null) ? null : sent.getPriceUnit().getCurrencyCode();
		// Twilio gives one SID for the whole message however many segments it takes.
		return new SmsSubmission(List.of(sent.getSid()), price, currency, false, segments(sent.getNumSegments()));
	}

	private Message create(MessageCreator creator, String maskedTo) {
		http.forgetStatus();
		try {
			return creator.create(client);
		}
		catch (ApiConnectionException ex) {
			// No answer at all: timeout, connection refused or reset. The cause names the kind, not the body.
			throw failure("Twilio could not be reached for the SMS to " + maskedTo + " (" + describeCause(ex) + ")",
					SmsDeliveryException.Kind.TEMPORARY, "unreachable", ex);
		}
		catch (ApiException ex) {
			int status = http.lastStatus() > 0 ? http.lastStatus() : ex.getStatusCode() == null ? 0 : ex.getStatusCode();
			Integer code = ex.getCode();
			if (status >= 200 && status < 300) {
				// An answer that is no Message: not chained, the JSON parser's message may quote the body.
				throw failure("Twilio answered something unreadable for the SMS to " + maskedTo,
						SmsDeliveryException.Kind.TEMPORARY, "unreadable", null);
			}
			// Not chained either: Twilio's message is free text that may quote the number.
			throw failure("Twilio answered HTTP " + status + (code == null ? "" : " with error " + code)
					+ " for the SMS to " + maskedTo, TwilioFailures.kindOf(status, code),
					TwilioFailures.errorCode(status, code), null);
		}
		catch (TwilioException ex) {
			// Anything the SDK refuses before sending, e.g. an unusable setting.
			throw failure("Twilio SDK refused the SMS to " + maskedTo + " (" + ex.getClass().getSimpleName() + ")",
					SmsDeliveryException.Kind.PROVIDER, "twilio-sdk", null);
		}
		finally {
			http.forgetStatus();
		}
	}

	/** Twilio writes prices as negative amounts (money spent), and null until the carrier has priced the message. */
	static BigDecimal price(String price) {
		if (price == null || price.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(price.strip()).abs();
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static int segments(String numSegments) {
		try {
			int parts = numSegments == null ? 1 : Integer.parseInt(numSegments.strip());
			return Math.max(parts, 1);
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	private static String describeCause(Throwable ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName();
	}

	private static SmsDeliveryException failure(String message, SmsDeliveryException.Kind kind, String errorCode,
			Throwable cause) {
		log.warn("{} ({})", message, kind.name().toLowerCase(Locale.ROOT));
		return new SmsDeliveryException(message, kind, errorCode, cause);
	}

	@Override
	public String providerName() {
		return "twilio";
	}

}
