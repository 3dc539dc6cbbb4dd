package dev.smsauth.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Spring Session's own filter over {@link SessionsSavedThisRequest}, so a request does not read
 * back the session it has just saved. Put in place of the filter Spring Session configures (same
 * bean, so Spring Boot registers it at the same order and dispatcher types); the session id
 * travels as before: the application's {@link HttpSessionIdResolver} if it has one, else the
 * cookie Spring Boot configured ({@code server.servlet.session.cookie.*}), as Spring Session's
 * configuration does it.
 */
final class SessionFilterReadingOnce<S extends Session> extends SessionRepositoryFilter<S> {

	private final SessionsSavedThisRequest<S> sessions;

	private SessionFilterReadingOnce(SessionsSavedThisRequest<S> sessions, HttpSessionIdResolver sessionIds) {
		super(sessions);
		this.sessions = sessions;
		setHttpSessionIdResolver(sessionIds);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean opened = sessions.openRequest();
		try {
			super.doFilterInternal(request, response, chain);
		}
		finally {
			if (opened) {
				sessions.closeRequest();
			}
		}
	}

	/** Replaces Spring Session's filter bean with this one. */
	static BeanPostProcessor replacing(ObjectProvider<SessionRepository<?>> repositories,
			ObjectProvider<HttpSessionIdResolver> resolvers, ObjectProvider<CookieSerializer> cookies) {
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
				return create(repositories.getObject(), sessionIds);
			}
		};
	}

	private static <S extends Session> SessionFilterReadingOnce<S> create(SessionRepository<S> repository,
			HttpSessionIdResolver sessionIds) {
		return new SessionFilterReadingOnce<>(new SessionsSavedThisRequest<>(repository), sessionIds);
	}

}
