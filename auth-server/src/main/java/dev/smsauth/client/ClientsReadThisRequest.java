package dev.smsauth.client;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The registered clients one request has already read, so that a request reads each client once:
 * a password sign-in used to read its application 8 times (the authorization endpoint's validation,
 * the second-factor rule, the authorization's own reads, the token endpoint), an SMS sign-in 17.
 *
 * <p>Nothing outlives the request: the memo is a thread-local that only {@link ClientsReadThisRequestFilter}
 * opens and always removes, so the next request, on this node or another, reads the row again and an
 * administrator's change counts from the very next request everywhere. Outside an open request
 * (scheduled jobs, start-up, tests calling beans directly) every read goes to the database. The
 * management API's own writes in a request ({@code save}, the direct DELETE of an application) call
 * {@link #forget()}, so what that request reads afterwards is the database's.
 */
public final class ClientsReadThisRequest {

	private final ThreadLocal<Map<String, Optional<RegisteredClient>>> read = new ThreadLocal<>();

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

	/** Drops every client read so far in this request (a write by this request). */
	public void forget() {
		Map<String, Optional<RegisteredClient>> memo = read.get();
		if (memo != null) {
			memo.clear();
		}
	}

	RegisteredClient byId(String id, Supplier<RegisteredClient> database) {
		return find("id:" + id, database);
	}

	RegisteredClient byClientId(String clientId, Supplier<RegisteredClient> database) {
		return find("client_id:" + clientId, database);
	}

	private RegisteredClient find(String key, Supplier<RegisteredClient> database) {
		Map<String, Optional<RegisteredClient>> memo = read.get();
		if (memo == null) {
			return database.get();
		}
		Optional<RegisteredClient> known = memo.get(key);
		if (known != null) {
			return known.orElse(null);
		}
		RegisteredClient found = database.get();
		memo.put(key, Optional.ofNullable(found));
		if (found != null) {
			// Either id finds the same row: the other lookup of this request need not read it again.
			memo.putIfAbsent("id:" + found.getId(), Optional.of(found));
			memo.putIfAbsent("client_id:" + found.getClientId(), Optional.of(found));
		}
		return found;
	}

}
