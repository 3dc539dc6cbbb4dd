package dev.smsauth.observability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * {@code smsauth.tokens.issued} (tags {@code grant_type}, {@code token_type}): counted in the token
 * endpoint's success handler, after the answer was written, so only tokens a client actually
 * received count (not ones generated for a request that then failed). The grant type comes from a
 * fixed list; anything else is {@code other}, so a client can not create series.
 */
@Component
public class TokenIssuedMetrics {

	private static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());

	private static final List<String> TOKEN_TYPES = List.of(OAuth2ParameterNames.ACCESS_TOKEN,
			OAuth2ParameterNames.REFRESH_TOKEN, OidcParameterNames.ID_TOKEN);

	private final MeterRegistry registry;

	/** Registered once: looking a meter up by name and tags on every token request costs more than the count. */
	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	TokenIssuedMetrics(MeterRegistry registry) {
		this.registry = registry;
		// Every series exists at 0 from the start.
		GRANT_TYPES.forEach(grant -> TOKEN_TYPES.forEach(token -> counter(grant, token)));
	}

	/** The token endpoint's answer handler, counting what it hands out. */
	public AuthenticationSuccessHandler around(AuthenticationSuccessHandler delegate) {
		return (request, response, authentication) -> {
			delegate.onAuthenticationSuccess(request, response, authentication);
			count(request, authentication);
		};
	}

	private void count(HttpServletRequest request, Authentication authentication) {
		if (!(authentication instanceof OAuth2AccessTokenAuthenticationToken issued)) {
			return;
		}
		String offered = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
		String grant = GRANT_TYPES.contains(offered) ? offered : "other";
		counter(grant, OAuth2ParameterNames.ACCESS_TOKEN).increment();
		if (issued.getRefreshToken() != null) {
			counter(grant, OAuth2ParameterNames.REFRESH_TOKEN).increment();
		}
		if (issued.getAdditionalParameters().containsKey(OidcParameterNames.ID_TOKEN)) {
			counter(grant, OidcParameterNames.ID_TOKEN).increment();
		}
	}

	private Counter counter(String grantType, String tokenType) {
		return counters.computeIfAbsent(grantType + ' ' + tokenType, key -> Counter.builder("smsauth.tokens.issued")
			.description("Tokens handed out by the token endpoint")
			.tag("grant_type", grantType)
			.tag("token_type", tokenType)
			.register(registry));
	}

}
