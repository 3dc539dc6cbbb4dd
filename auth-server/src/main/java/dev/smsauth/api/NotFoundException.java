package dev.smsauth.api;

/** The addressed resource does not exist; becomes 404. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what + " not found");
	}

}
