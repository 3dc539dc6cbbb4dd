package dev.smsauth.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON merge-patch style body (RFC 7396 semantics): a member that is absent returns
 * {@code null} ("leave as is"), a member that is JSON null returns {@code Optional.empty()}
 * ("remove"), anything else its value. A value of the wrong type is collected as a field error.
 */
public final class PatchBody {

	private final JsonNode body;

	private final String prefix;

	private final FieldErrors errors;

	private PatchBody(JsonNode body, String prefix, FieldErrors errors) {
		this.body = body;
		this.prefix = prefix;
		this.errors = errors;
	}

	public static PatchBody of(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new InvalidInputException("body", "must be a JSON object");
		}
		return new PatchBody(body, "", new FieldErrors());
	}

	public Optional<String> string(String name) {
		JsonNode value = body.get(name);
		if (value == null) {
			return null;
		}
		if (value.isNull()) {
			return Optional.empty();
		}
		if (!value.isString()) {
			errors.add(prefix + name, "must be a string");
			return null;
		}
		return Optional.of(value.asString());
	}

	public Optional<Boolean> bool(String name) {
		JsonNode value = body.get(name);
		if (value == null) {
			return null;
		}
		if (value.isNull()) {
			return Optional.empty();
		}
		if (!value.isBoolean()) {
			errors.add(prefix + name, "must be true or false");
			return null;
		}
		return Optional.of(value.asBoolean());
	}

	public Optional<List<String>> strings(String name) {
		JsonNode value = body.get(name);
		if (value == null) {
			return null;
		}
		if (value.isNull()) {
			return Optional.empty();
		}
		if (!value.isArray()) {
			errors.add(prefix + name, "must be an array of strings");
			return null;
		}
		List<String> items = new ArrayList<>();
		for (JsonNode item : value) {
			if (!item.isString()) {
				errors.add(prefix + name, "must be an array of strings");
				return null;
			}
			items.add(item.asString());
		}
		return Optional.of(items);
	}

	public Optional<Integer> integer(String name) {
		JsonNode value = body.get(name);
		if (value == null) {
			return null;
		}
		if (value.isNull()) {
			return Optional.empty();
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			errors.add(prefix + name, "must be a whole number");
			return null;
		}
		return Optional.of(value.asInt());
	}

	/** A nested object, read with the same rules; {@code null} when absent or JSON null. */
	public PatchBody object(String name) {
		JsonNode value = body.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			errors.add(prefix + name, "must be an object");
			return null;
		}
		return new PatchBody(value, prefix + name + ".", errors);
	}

	/** Records an error for a member of this object (named with the object's prefix). */
	public void error(String name, String message) {
		errors.add(prefix + name, message);
	}

	public boolean has(String name) {
		return body.has(name);
	}

	/** Fails with every type error found so far. */
	public void throwIfInvalid() {
		errors.throwIfAny();
	}

}
