package dev.smsauth.api;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem in a request before failing, so a caller fixes all fields in one go. */
public final class FieldErrors {

	private final List<FieldError> errors = new ArrayList<>();

	public FieldErrors add(String field, String message) {
		errors.add(new FieldError(field, message));
		return this;
	}

	public boolean has(String field) {
		return errors.stream().anyMatch(e -> e.field().equals(field));
	}

	public void throwIfAny() {
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

}
