package dev.smsauth.sms.twilio;

import java.util.Map;

import com.twilio.security.RequestValidator;
import dev.smsauth.sms.ConditionalOnSmsProvider;
import dev.smsauth.sms.ReceiptAnswers;
import dev.smsauth.sms.SmsReceipts;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callbacks (form POSTs to the {@code StatusCallback} URL that
 * {@link TwilioSmsSender} passes with every message). Each must carry an {@code X-Twilio-Signature}
 * that the SDK's {@link RequestValidator} accepts for the exact public URL
 * ({@link TwilioCallbackUrl}) and these form parameters, under our auth token; otherwise 401 and
 * nothing changes. No session, no CSRF (config.SmsReceiptsSecurityConfig): the signature is the
 * authentication.
 */
@RestController
@ConditionalOnSmsProvider("twilio")
class TwilioReceiptController {

	static final String PATH = "/sms/receipts/twilio";

	private final RequestValidator validator;

	private final TwilioCallbackUrl callbackUrl;

	private final SmsReceipts receipts;

	TwilioReceiptController(TwilioProperties properties, TwilioCallbackUrl callbackUrl, SmsReceipts receipts) {
		this.validator = new RequestValidator(properties.authToken());
		this.callbackUrl = callbackUrl;
		this.receipts = receipts;
	}

	@PostMapping(PATH)
	ResponseEntity<Object> receipt(HttpServletRequest request) {
		Map<String, String> fields = ReceiptAnswers.firstValues(request);
		if (!signed(request, fields)) {
			receipts.forged("twilio", request.getRemoteAddr());
			return ReceiptAnswers.refused();
		}
		TwilioReceipts.read(fields).ifPresent(receipts::apply);
		return ReceiptAnswers.taken();
	}

	private boolean signed(HttpServletRequest request, Map<String, String> fields) {
		String signature = request.getHeader("X-Twilio-Signature");
		if (signature == null || signature.isBlank() || callbackUrl.url().isEmpty()) {
			return false;
		}
		// Twilio signs the URL it called, query string included, and the form's parameters.
		String url = callbackUrl.url().get() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
		try {
			return validator.validate(url, fields, signature);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
