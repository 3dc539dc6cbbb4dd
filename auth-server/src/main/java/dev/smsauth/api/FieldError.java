package dev.smsauth.api;

/** One rejected input field, as shown in a problem document's {@code errors} member. */
public record FieldError(String field, String message) {
}
