package dev.smsauth.sms.vonage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageApiResponseException;
import com.vonage.client.VonageClient;
import com.vonage.client.VonageClientException;
import com.vonage.client.VonageMethodFailedException;
import com.vonage.client.VonageUnexpectedException;
import com.vonage.client.sms.MessageStatus;
import com.vonage.client.sms.SmsClient;
import com.vonage.client.sms.SmsSubmissionResponse;
import com.vonage.client.sms.SmsSubmissionResponseMessage;
import com.vonage.client.sms.messages.TextMessage;
import dev.smsauth.user.PhoneMasking;
import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.sms.SmsMessage;
import dev.smsauth.sms.SmsSender;
import dev.smsauth.sms.SmsSubmission;
import org.apache.http.impl.client.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS through the Vonage SMS API ({@code POST /sms/json}) with the official SDK.
 *
 * <p>Nothing here logs or puts into an exception the message text, the provider's raw response
 * body, or the credentials: numbers are masked, outcomes are named by status.
 */
public class VonageSmsSender implements SmsSender, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(VonageSmsSender.class);

	private final String from;

	private final String currency;

	private final HttpStatusRecorder httpStatus;

	private final CloseableHttpClient httpClient;

	private final SmsClient smsClient;

	/** Builds the client once: it holds a connection pool that all sends share. */
	public VonageSmsSender(VonageProperties properties) {
		this.from = properties.from();
		this.currency = properties.currency();
		this.httpStatus = new HttpStatusRecorder();
		this.httpClient = VonageHttpClients.create(properties.timeout(), httpStatus);
		this.smsClient = buildClient(properties, httpClient).getSmsClient();
		VonageSdkLogging.silence();
	}

	// httpClient(..) is deprecated in SDK 9 but is the only way to see the HTTP status of a failed
	// call (see HttpStatusRecorder); revisit when upgrading the SDK's major version.
	@SuppressWarnings("deprecation")
	private static VonageClient buildClient(VonageProperties properties, CloseableHttpClient httpClient) {
		return VonageClient.builder()
			.apiKey(properties.apiKey())
			.apiSecret(properties.apiSecret())
			// The SDK ignores timeoutMillis when given its HttpClient; set anyway so both agree.
			.httpConfig(HttpConfig.builder()
				.restBaseUri(properties.baseUri())
				.timeoutMillis(Math.toIntExact(properties.timeout().toMillis()))
				.build())
			.httpClient(httpClient)
			.build();
	}

	@Override
	public SmsSubmission send(SmsMessage message) {
		String maskedTo = PhoneMasking.mask(message.to());
		SmsSubmissionResponse response = submit(message, maskedTo);
		List<SmsSubmissionResponseMessage> parts = (response == null) ? null : response.getMessages();
		if (parts == null || parts.isEmpty()) {
			throw failure("Vonage answered without a message status for " + maskedTo, SmsDeliveryException.Kind.TEMPORARY,
					"vonage-no-status", null);
		}
		// A long text goes out in several parts, each with its own status; an HTTP 200 says nothing.
		List<SmsSubmissionResponseMessage> failed = parts.stream()
			.filter(part -> part.getStatus() != MessageStatus.OK)
			.toList();
		if (!failed.isEmpty()) {
			// The number's fault if any part says so; otherwise temporary only if every part is.
			SmsDeliveryException.Kind kind = failed.stream().anyMatch(part -> VonageFailures
				.kindOf(part.getStatus()) == SmsDeliveryException.Kind.RECIPIENT) ? SmsDeliveryException.Kind.RECIPIENT
						: failed.stream().allMatch(part -> VonageFailures.isRetryable(part.getStatus()))
								? SmsDeliveryException.Kind.TEMPORARY : SmsDeliveryException.Kind.PROVIDER;
			MessageStatus first = failed.get(0).getStatus();
			String statuses = failed.stream()
				.map(part -> VonageFailures.describe(part.getStatus()))
				.distinct()
				.collect(Collectors.joining(", "));
			// error-text is left out: it is provider-written free text, and the status names the cause.
			throw failure("Vonage refused the SMS to " + maskedTo + ": " + statuses, kind,
					"vonage-" + (first == null ? "unknown" : first.getMessageStatus()), null);
		}
		List<String> ids = parts.stream().map(SmsSubmissionResponseMessage::getId).toList();
		log.info("SMS to {} accepted by vonage, message id {}", maskedTo, String.join(",", ids));
		// Vonage quotes each part's price in the account's currency, which the answer does not name.
		BigDecimal price = parts.stream().allMatch(part -> part.getMessagePrice() != null) ? parts.stream()
			.map(SmsSubmissionResponseMessage::getMessagePrice)
			.reduce(BigDecimal.ZERO, BigDecimal::add) : null;
		return new SmsSubmission(ids, price, price == null ? null : currency, false);
	}

	private SmsSubmissionResponse submit(SmsMessage message, String maskedTo) {
		// Vonage wants the international number without the leading '+'.
		String to = message.to().startsWith("+") ? message.to().substring(1) : message.to();
		TextMessage request = new TextMessage(from, to, message.text(), message.isUnicode());
		httpStatus.clear();
		try {
			return smsClient.submitMessage(request);
		}
		catch (VonageApiResponseException ex) {
			int status = (ex.getStatusCode() > 0) ? ex.getStatusCode() : httpStatus.lastStatus();
			// Not chained as the cause: its message is the provider's raw response body.
			throw failure("Vonage answered HTTP " + status + " for the SMS to " + maskedTo,
					VonageFailures.isRetryableHttpStatus(status) ? SmsDeliveryException.Kind.TEMPORARY
							: SmsDeliveryException.Kind.PROVIDER, "http-" + status, null);
		}
		catch (VonageMethodFailedException ex) {
			// No answer at all: timeout, connection refused or reset. The cause is the IOException.
			throw failure("Vonage could not be reached for the SMS to " + maskedTo + " ("
					+ describeCause(ex) + ")", SmsDeliveryException.Kind.TEMPORARY, "unreachable", ex);
		}
		catch (VonageClientException ex) {
			// Anything else the SDK refuses before sending, e.g. an unusable auth setup: a config error.
			throw failure("Vonage SDK refused the SMS to " + maskedTo + " (" + ex.getClass().getSimpleName() + ")",
					SmsDeliveryException.Kind.PROVIDER, "vonage-sdk", null);
		}
		catch (VonageUnexpectedException ex) {
			// VonageResponseParseException lands here; it is not a VonageClientException. Not chained:
			// the JSON parser's message can quote the response body.
			throw failure("Vonage answered something unreadable for the SMS to " + maskedTo + " ("
					+ ex.getClass().getSimpleName() + ")", SmsDeliveryException.Kind.TEMPORARY, "unreadable", null);
		}
		finally {
			httpStatus.clear();
		}
	}

	private static String describeCause(Throwable ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName();
	}

	private static SmsDeliveryException failure(String message, SmsDeliveryException.Kind kind, String errorCode,
			Throwable cause) {
		log.warn("{} ({})", message, kind.name().toLowerCase(java.util.Locale.ROOT));
		return new SmsDeliveryException(message, kind, errorCode, cause);
	}

	@Override
	public String providerName() {
		return "vonage";
	}

	/** Closes the connection pool; Spring calls it when the context shuts down. */
	@Override
	public void close() {
		try {
			httpClient.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
