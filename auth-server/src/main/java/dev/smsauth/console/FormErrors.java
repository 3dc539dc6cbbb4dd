package dev.smsauth.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.smsauth.api.FieldError;

/** The service layer's field errors as the console shows them: one message under each field. */
final class FormErrors {

	private FormErrors() {
	}

	static Map<String, String> byField(List<FieldError> errors) {
		Map<String, String> map = new LinkedHashMap<>();
		for (FieldError error : errors) {
			// Sentence case: the API says "email is not a valid email address", the form says it under "Email".
			String message = error.message();
			map.putIfAbsent(error.field(), Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".");
		}
		return map;
	}

	static Map<String, String> duplicate(String field) {
		return Map.of(field, "Already in use by another " + (field.equals("clientId") ? "application." : "user."));
	}

}
