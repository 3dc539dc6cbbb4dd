package dev.smsauth.demo.login;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * What the "sign-in failed" page tells the user.
 *
 * @param headline one-line summary in plain words
 * @param advice what the user can do about it
 * @param code OAuth 2 error code, shown for support; {@code null} if unknown
 * @param description the auth server's or Spring Security's description; may be {@code null}
 */
public record LoginFailure(String headline, String advice, String code, String description) {

	static LoginFailure from(AuthenticationException exception) {
		if (!(exception instanceof OAuth2AuthenticationException oauth2)) {
			return new LoginFailure("Sign-in did not complete.",
					"Please try again. If you came here from a bookmark, start from the home page.", null,
					null);
		}
		OAuth2Error error = oauth2.getError();
		String code = error.getErrorCode();
		return switch (code) {
			case "access_denied" -> new LoginFailure("Sign-in was cancelled or refused.",
					"You declined, or the authorization server did not allow this sign-in. You can try again.",
					code, error.getDescription());
			case "login_required", "interaction_required", "consent_required" -> new LoginFailure(
					"The authorization server needs you to sign in again.", "Use “Log in” to start over.", code,
					error.getDescription());
			case "authorization_request_not_found" -> new LoginFailure("This sign-in has expired.",
					"It took too long or was started in another window. Please log in again.", code,
					error.getDescription());
			default -> new LoginFailure("Sign-in failed.",
					"Please try again. If it keeps failing, tell the operator the error code below.", code,
					error.getDescription());
		};
	}

}
