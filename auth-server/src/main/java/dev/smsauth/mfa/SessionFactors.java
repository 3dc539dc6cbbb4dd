package dev.smsauth.mfa;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Adds a proven factor to the signed-in user, as the SMS step does: the same principal (the code
 * was checked against that user), every other factor kept with its time, a new session id (a new
 * factor is a privilege change), the context stored in the session.
 */
public final class SessionFactors {

	private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

	private SessionFactors() {
	}

	public static void add(Authentication current, FactorGrantedAuthority factor, HttpServletRequest request,
			HttpServletResponse response) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (GrantedAuthority authority : current.getAuthorities()) {
			if (!factor.getAuthority().equals(authority.getAuthority())) {
				authorities.add(authority);
			}
		}
		authorities.add(factor);
		UsernamePasswordAuthenticationToken merged = UsernamePasswordAuthenticationToken
			.authenticated(current.getPrincipal(), null, authorities);
		merged.setDetails(current.getDetails());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(merged);
		SecurityContextHolder.setContext(context);
		request.changeSessionId();
		CONTEXTS.saveContext(context, request, response);
	}

}
