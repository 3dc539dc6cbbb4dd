package dev.smsauth.login;

import java.io.IOException;
import java.util.Optional;

import dev.smsauth.mfa.SecondFactorPolicy;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * Where a right password leads (303): to the second factor's page when the waiting authorization
 * request will ask for one ({@link SecondFactorPolicy#pageForWaitingAuthorization}), else back to the
 * waiting request. Before, every sign-in with a second factor went back to the authorization
 * endpoint first, only to be redirected to the factor's page from there: a round trip for the
 * browser and a pass through the endpoint's filters for the server. The waiting request stays saved
 * in the session either way, and the factor's page resumes it, where the endpoint's rule decides.
 */
final class AfterPassword implements AuthenticationSuccessHandler {

	private final SecondFactorPolicy secondFactors;

	private final RedirectStrategy seeOther;

	private final SavedRequestAwareAuthenticationSuccessHandler resume = new SavedRequestAwareAuthenticationSuccessHandler();

	AfterPassword(SecondFactorPolicy secondFactors, RedirectStrategy seeOther) {
		this.secondFactors = secondFactors;
		this.seeOther = seeOther;
		this.resume.setRedirectStrategy(seeOther);
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		Optional<String> factorPage = secondFactors.pageForWaitingAuthorization(request, authentication);
		if (factorPage.isEmpty()) {
			resume.onAuthenticationSuccess(request, response, authentication);
			return;
		}
		// As the framework's handler does before it redirects: a failed attempt's message is over.
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		}
		seeOther.sendRedirect(request, response, factorPage.get());
	}

}
