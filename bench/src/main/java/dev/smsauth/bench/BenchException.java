package dev.smsauth.bench;

/** A failed operation or setup step; counted as an error by the load generator. */
final class BenchException extends RuntimeException {

	BenchException(String message) {
		super(message);
	}

	BenchException(String message, Throwable cause) {
		super(message, cause);
	}

}
