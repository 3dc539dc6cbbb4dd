package dev.smsauth.sms.vonage;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.smsauth.sms.ConditionalOnSmsProvider;
import dev.smsauth.sms.ReceiptAnswers;
import dev.smsauth.sms.SmsReceiptProperties;
import dev.smsauth.sms.SmsReceipts;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vonage's delivery receipts (SMS API DLR webhook), by GET query, POST form or POST JSON, as set
 * in the dashboard. Each must carry a valid signature ({@link VonageSignatures}) before anything in
 * it is read; an unsigned or forged one is refused with 401 and changes nothing. Its security
 * chain (config.SmsReceiptsSecurityConfig) has no session and no CSRF: the signature is the
 * authentication.
 */
@RestController
@ConditionalOnSmsProvider("vonage")
class VonageReceiptController {

	static final String PATH = "/sms/receipts/vonage";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final VonageSignatures signatures;

	private final SmsReceipts receipts;

	private final String currency;

	private final long maxBodyBytes;

	VonageReceiptController(VonageSignatureProperties signatureProperties, VonageProperties vonage,
			SmsReceipts receipts, SmsReceiptProperties receiptProperties) {
		this.signatures = new VonageSignatures(signatureProperties);
		this.receipts = receipts;
		this.currency = vonage.currency();
		this.maxBodyBytes = receiptProperties.maxBodySize().toBytes();
	}

	@RequestMapping(path = PATH, method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<Object> receipt(HttpServletRequest request) throws IOException {
		boolean json = "POST".equals(request.getMethod()) && "application/json".equals(ReceiptAnswers.mediaType(request));
		byte[] body = null;
		Map<String, String> fields;
		if (json) {
			Optional<byte[]> read = ReceiptAnswers.body(request, maxBodyBytes);
			if (read.isEmpty()) {
				return ReceiptAnswers.tooLarge(maxBodyBytes);
			}
			body = read.get();
			fields = flatFields(body);
		}
		else {
			fields = ReceiptAnswers.firstValues(request);
		}
		if (!signatures.verify(json ? "application/json" : null, body, request.getParameterMap())) {
			receipts.forged("vonage", request.getRemoteAddr());
			return ReceiptAnswers.refused();
		}
		VonageReceipts.read(fields, currency).ifPresent(receipts::apply);
		return ReceiptAnswers.taken();
	}

	/** The JSON object's scalar members as text; an unreadable body has none (its signature fails anyway). */
	private static Map<String, String> flatFields(byte[] body) {
		Map<String, String> fields = new LinkedHashMap<>();
		try {
			JsonNode root = JSON.readTree(body);
			if (root != null && root.isObject()) {
				root.properties().forEach(member -> {
					if (member.getValue().isValueNode() && !member.getValue().isNull()) {
						fields.put(member.getKey(), member.getValue().asString());
					}
				});
			}
		}
		catch (JacksonException ex) {
			return Map.of();
		}
		return fields;
	}

}
