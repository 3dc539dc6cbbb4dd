package dev.smsauth.login;

import java.io.IOException;
import java.util.Optional;

import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.web.ResumedInPlace;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * Where a right password leads (303): to the second factor's page when the waiting authorization
 * request will ask for one ({@link SecondFactorPolicy#pageForWaitingAuthorization}), else back to the
 * waiting request: an authorization request answers this POST itself, resumed inside it
 * ({@link ResumedInPlace}: the redirect to the application with its code, without a 303 to the
 * endpoint first), any other saved page is redirected to, home when nothing waits. Before, every
 * sign-in with a second factor went back to the authorization endpoint first, only to be redirected
 * to the factor's page from there: a round trip for the browser and a pass through the endpoint's
 * filters for the server. The waiting request stays saved in the session either way, and the
 * factor's page resumes it, where the endpoint's rule decides.
 */
final class AfterPassword implements AuthenticationSuccessHandler {

	private final SecondFactorPolicy secondFactors;

	private final RedirectStrategy seeOther;

	private final RequestCache requestCache;

	private final ResumedInPlace resumedInPlace;

	AfterPassword(SecondFactorPolicy secondFactors, RedirectStrategy seeOther, RequestCache requestCache,
			ResumedInPlace resumedInPlace) {
		this.secondFactors = secondFactors;
		this.seeOther = seeOther;
		this.requestCache = requestCache;
		this.resumedInPlace = resumedInPlace;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		Optional<String> factorPage = secondFactors.pageForWaitingAuthorization(request, authentication);
		failedAttemptIsOver(request);
		if (factorPage.isPresent()) {
			seeOther.sendRedirect(request, response, factorPage.get());
			return;
		}
		SavedRequest saved = requestCache.getRequest(request, response);
		if (saved == null) {
			seeOther.sendRedirect(request, response, "/");
			return;
		}
		// In place when it is an authorization request, else 303 to the saved page.
		resumedInPlace.resume(saved.getRedirectUrl(), request, response);
	}

	/** As the framework's handlers do before they redirect: a failed attempt's message is over. */
	private static void failedAttemptIsOver(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		}
	}

}
