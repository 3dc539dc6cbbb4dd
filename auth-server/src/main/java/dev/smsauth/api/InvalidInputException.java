package dev.smsauth.api;

import java.util.List;

/** Input broke a rule; becomes 400 problem+json (API) or a message next to the field (console). */
public class InvalidInputException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidInputException(List<FieldError> errors) {
		super(describe(errors));
		this.errors = List.copyOf(errors);
	}

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return errors;
	}

	private static String describe(List<FieldError> errors) {
		StringBuilder sb = new StringBuilder("Invalid input: ");
		for (int i = 0; i < errors.size(); i++) {
			sb.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(" ").append(errors.get(i).message());
		}
		return sb.toString();
	}

}
