package dev.smsauth.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * The one way a factor page adds a proven factor to the signed-in user: the framework's
 * {@code toBuilder()} keeps the principal (the code was checked against that same user), its
 * details and every other factor with its time; the factor replaces an older one of its kind; the
 * session id changes (a new factor is a privilege change); the context is stored with the security
 * chain's own {@link SecurityContextRepository}; the device store hears of it; and the saved
 * request, from the chain's own {@link RequestCache}, says where to continue.
 */
@Component
public class ProvenFactors {

	private final SecurityContextRepository contexts;

	private final RequestCache requestCache;

	private final SecondFactorPolicy policy;

	private final ObjectProvider<DeviceTrust> devices;

	ProvenFactors(SecurityContextRepository contexts, RequestCache requestCache, SecondFactorPolicy policy,
			ObjectProvider<DeviceTrust> devices) {
		this.contexts = contexts;
		this.requestCache = requestCache;
		this.policy = policy;
		this.devices = devices;
	}

	/**
	 * Adds {@code factor} to {@code current} and returns the address to continue at (the waiting
	 * request, else "/"). {@code remember} is the "Remember this device" box; it counts only where
	 * the waiting application allows remembered devices.
	 */
	public String add(Authentication current, FactorGrantedAuthority factor, boolean remember,
			HttpServletRequest request, HttpServletResponse response) {
		return add(current, factor, List.of(), List.of(), remember, request, response);
	}

	/**
	 * As {@link #add(Authentication, FactorGrantedAuthority, boolean, HttpServletRequest, HttpServletResponse)},
	 * with marks that describe the factor (e.g. user verification of a passkey): the {@code replaced}
	 * names are removed first, so a mark of an older proof of the same factor never survives it.
	 */
	public String add(Authentication current, FactorGrantedAuthority factor, List<String> replaced,
			List<GrantedAuthority> marks, boolean remember, HttpServletRequest request, HttpServletResponse response) {
		Authentication merged = current.toBuilder().authorities(authorities -> {
			authorities.removeIf(a -> factor.getAuthority().equals(a.getAuthority()) || replaced.contains(a.getAuthority()));
			authorities.add(factor);
			authorities.addAll(marks);
		}).build();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(merged);
		SecurityContextHolder.setContext(context);
		request.changeSessionId();
		contexts.saveContext(context, request, response);
		SignInPolicy pending = policy.pendingPolicy(request);
		boolean rememberAllowed = pending != null && pending.rememberDeviceDays() > 0;
		NoDeviceTrust.from(devices).secondFactorProven(request, response, merged.getName(), remember && rememberAllowed);
		return continueUrl(request, response);
	}

	/** Keeps the current page to come back to after a sign-in or factor step (GETs only). */
	public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
		requestCache.saveRequest(request, response);
	}

	public String continueUrl(HttpServletRequest request, HttpServletResponse response) {
		SavedRequest saved = requestCache.getRequest(request, response);
		return saved != null ? saved.getRedirectUrl() : "/";
	}

}
