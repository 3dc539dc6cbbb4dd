package dev.smsauth.api;

/** A unique value (username, email, phone number, client id) is taken; becomes 409. */
public class DuplicateException extends RuntimeException {

	private final String field;

	public DuplicateException(String field) {
		super(field + " is already in use");
		this.field = field;
	}

	public String field() {
		return field;
	}

}
