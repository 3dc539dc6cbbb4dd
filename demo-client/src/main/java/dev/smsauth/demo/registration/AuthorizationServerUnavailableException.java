package dev.smsauth.demo.registration;

import org.springframework.web.client.ResourceAccessException;

/**
 * The authorization server's discovery document could not be loaded, so sign-in cannot
 * start yet. Carries the issuer so the error page can name the server it tried.
 */
public class AuthorizationServerUnavailableException extends RuntimeException {

	private final String issuer;

	private final boolean unreachable;

	public AuthorizationServerUnavailableException(String issuer, RuntimeException cause) {
		super("Could not load the discovery document of " + issuer, cause);
		this.issuer = issuer;
		this.unreachable = hasCause(cause, ResourceAccessException.class);
	}

	public String getIssuer() {
		return this.issuer;
	}

	/**
	 * Whether the server did not answer at all (connection refused, timeout) as opposed to
	 * answering with something unusable (wrong issuer, error status). The first is normal
	 * while the auth server is still starting; the second is a configuration problem.
	 */
	public boolean isUnreachable() {
		return this.unreachable;
	}

	/** Finds this exception anywhere in a cause chain, or returns {@code null}. */
	public static AuthorizationServerUnavailableException findIn(Throwable throwable) {
		for (Throwable current = throwable; current != null; current = current.getCause()) {
			if (current instanceof AuthorizationServerUnavailableException unavailable) {
				return unavailable;
			}
		}
		return null;
	}

	private static boolean hasCause(Throwable throwable, Class<? extends Throwable> type) {
		for (Throwable current = throwable; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
		}
		return false;
	}

}
