package dev.smsauth.config;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Spring Session's own filter over {@link SessionsSavedThisRequest}, so a request does not read
 * back the session it has just saved, and over {@link LastAccessWrittenSparingly}, so a request
 * that changes nothing in the session but its last-access time does not write it every time. Put
 * in place of the filter Spring Session configures (same bean, so Spring Boot registers it at the
 * same order and dispatcher types); the session id travels as before: the application's
 * {@link HttpSessionIdResolver} if it has one, else the cookie Spring Boot configured
 * ({@code server.servlet.session.cookie.*}), as Spring Session's configuration does it.
 */
final class SessionFilterReadingOnce<S extends Session> extends SessionRepositoryFilter<S> {

	private final SessionsSavedThisRequest<S> sessions;

	private final LastAccessWrittenSparingly<?> lastAccess;

	/** The requests that write their session's last-access time whatever its age (the authorization endpoint). */
	private final RequestMatcher everyAccessWritten;

	private SessionFilterReadingOnce(SessionsSavedThisRequest<S> sessions, LastAccessWrittenSparingly<?> lastAccess,
			RequestMatcher everyAccessWritten, HttpSessionIdResolver sessionIds) {
		super(sessions);
		this.sessions = sessions;
		this.lastAccess = lastAccess;
		this.everyAccessWritten = everyAccessWritten;
		setHttpSessionIdResolver(sessionIds);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean opened = sessions.openRequest();
		if (opened && everyAccessWritten.matches(request)) {
			lastAccess.writeEveryAccessDuringThisRequest();
		}
		try {
			super.doFilterInternal(request, response, chain);
		}
		finally {
			if (opened) {
				lastAccess.endOfRequest();
				sessions.closeRequest();
			}
		}
	}

	/** Replaces Spring Session's filter bean with this one. */
	static BeanPostProcessor replacing(ObjectProvider<SessionRepository<?>> repositories,
			ObjectProvider<HttpSessionIdResolver> resolvers, ObjectProvider<CookieSerializer> cookies,
			ObjectProvider<SessionProperties> properties, ObjectProvider<AuthorizationServerSettings> settings) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof SessionRepositoryFilter<?>) || bean instanceof SessionFilterReadingOnce<?>) {
					return bean;
				}
				HttpSessionIdResolver sessionIds = resolvers.getIfAvailable(() -> {
					CookieHttpSessionIdResolver cookie = new CookieHttpSessionIdResolver();
					cookie.setCookieSerializer(cookies.getObject());
					return cookie;
				});
				Duration interval = properties.getObject().lastAccessWriteInterval();
				String authorizationEndpoint = settings.getIfAvailable(() -> AuthorizationServerSettings.builder().build())
					.getAuthorizationEndpoint();
				return create(repositories.getObject(), sessionIds, interval,
						PathPatternRequestMatcher.pathPattern(authorizationEndpoint));
			}
		};
	}

	private static <S extends Session> SessionFilterReadingOnce<LastAccessWrittenSparingly.SparingSession<S>> create(
			SessionRepository<S> repository, HttpSessionIdResolver sessionIds, Duration interval,
			RequestMatcher everyAccessWritten) {
		LastAccessWrittenSparingly<S> lastAccess = new LastAccessWrittenSparingly<>(repository, interval);
		return new SessionFilterReadingOnce<>(new SessionsSavedThisRequest<>(lastAccess), lastAccess,
				everyAccessWritten, sessionIds);
	}

}
