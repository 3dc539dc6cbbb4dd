package dev.smsauth.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Authorization responses with {@code iss} (RFC 9207), which the built-in endpoint does not add:
 * it lets a client that talks to several servers detect a mix-up attack. Success and error
 * responses both carry it. An error without a trusted redirect URI (unknown client, unregistered
 * redirect_uri) is never redirected: the browser gets our error page.
 */
final class IssuerInAuthorizationResponse {

	private IssuerInAuthorizationResponse() {
	}

	static AuthenticationSuccessHandler success() {
		return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
			OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
			UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
				.queryParam("code", result.getAuthorizationCode().getTokenValue());
			addStateAndIssuer(uri, result.getState());
			response.sendRedirect(uri.build(true).toUriString());
		};
	}

	static AuthenticationFailureHandler failure() {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
			OAuth2AuthorizationCodeRequestAuthenticationException ex = (OAuth2AuthorizationCodeRequestAuthenticationException) exception;
			OAuth2Error error = ex.getError();
			OAuth2AuthorizationCodeRequestAuthenticationToken requested = ex.getAuthorizationCodeRequestAuthentication();
			if (requested == null || !StringUtils.hasText(requested.getRedirectUri())) {
				response.sendError(HttpStatus.BAD_REQUEST.value(), error.getErrorCode());
				return;
			}
			UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(requested.getRedirectUri())
				.queryParam("error", error.getErrorCode());
			if (StringUtils.hasText(error.getDescription())) {
				uri.queryParam("error_description", encode(error.getDescription()));
			}
			if (StringUtils.hasText(error.getUri())) {
				uri.queryParam("error_uri", encode(error.getUri()));
			}
			addStateAndIssuer(uri, requested.getState());
			response.sendRedirect(uri.build(true).toUriString());
		};
	}

	private static void addStateAndIssuer(UriComponentsBuilder uri, String state) throws IOException {
		if (StringUtils.hasText(state)) {
			uri.queryParam("state", encode(state));
		}
		uri.queryParam("iss", encode(AuthorizationServerContextHolder.getContext().getIssuer()));
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
