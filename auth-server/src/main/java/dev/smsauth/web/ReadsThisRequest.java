package dev.smsauth.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rows one request has already read, so that a request reads each of them once: a password sign-in
 * used to read its application 8 times (the authorization endpoint's validation, the second-factor
 * rule, the authorization's own reads, the token endpoint), an SMS sign-in 17, and the SMS sign-in
 * read the person's account 12 times. Used by {@code client.ParsedOnceRegisteredClientRepository}
 * and {@code user.UserRepository}, each in its own region.
 *
 * <p>Nothing outlives the request: the memo is a thread-local that only {@link ReadsThisRequestFilter}
 * opens and always removes, so the next request, on this node or another, reads the row again and an
 * administrator's change counts from the very next request everywhere. Outside an open request
 * (scheduled jobs, start-up, tests calling beans directly) every read goes to the database. Every
 * write through the owning repository calls {@link #forget}, so what the writing request reads
 * afterwards is the database's.
 */
public final class ReadsThisRequest {

	private final ThreadLocal<Map<String, Map<String, Optional<Object>>>> read = new ThreadLocal<>();

	/** Opens the memo for the current request; false when one is already open (a nested dispatch: its opener closes it). */
	boolean open() {
		if (read.get() != null) {
			return false;
		}
		read.set(new HashMap<>());
		return true;
	}

	void close() {
		read.remove();
	}

	/** Drops everything {@code region} read so far in this request (a write by this request). */
	public void forget(String region) {
		Map<String, Map<String, Optional<Object>>> memo = read.get();
		if (memo != null) {
			memo.remove(region);
		}
	}

	/**
	 * Remembers a row this request read by other means (in the same statement as another row) as if
	 * {@link #find} had read it, under every key that finds it. A row this request already read is
	 * kept: one request sees one version of a row. Outside an open request, nothing happens.
	 */
	public <T> void remember(String region, T row, Function<T, List<String>> keys) {
		Map<String, Map<String, Optional<Object>>> memo = read.get();
		if (memo == null) {
			return;
		}
		rememberUnder(memo.computeIfAbsent(region, r -> new HashMap<>()), row, keys);
	}

	/** Keeps a row already remembered under a key: one request sees one version of a row. */
	private static <T> void rememberUnder(Map<String, Optional<Object>> rows, T row,
			Function<T, List<String>> keys) {
		for (String key : keys.apply(row)) {
			rows.putIfAbsent(key, Optional.of(row));
		}
	}

	/**
	 * The row of {@code key} in {@code region}: read by {@code database} the first time in this request,
	 * then the same answer (also "none"). A row found is also remembered under the other keys that find
	 * it ({@code alsoKnownAs}), so a lookup by another column of the same row does not read it again.
	 */
	@SuppressWarnings("unchecked")
	public <T> T find(String region, String key, Supplier<T> database, Function<T, List<String>> alsoKnownAs) {
		Map<String, Map<String, Optional<Object>>> memo = read.get();
		if (memo == null) {
			return database.get();
		}
		Map<String, Optional<Object>> rows = memo.computeIfAbsent(region, r -> new HashMap<>());
		Optional<Object> known = rows.get(key);
		if (known != null) {
			return (T) known.orElse(null);
		}
		T found = database.get();
		rows.put(key, Optional.ofNullable(found));
		if (found != null) {
			rememberUnder(rows, found, alsoKnownAs);
		}
		return found;
	}

}
