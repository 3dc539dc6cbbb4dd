package dev.smsauth.login;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The hosted pages speak English or Simplified Chinese. An application's {@code ui_locales}
 * (remembered for the session when the authorization request arrives) wins over the browser's
 * Accept-Language.
 */
public final class UiLocalesLocaleResolver extends AcceptHeaderLocaleResolver {

	static final String SESSION_ATTRIBUTE = UiLocalesLocaleResolver.class.getName() + ".LOCALE";

	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

	public UiLocalesLocaleResolver() {
		setSupportedLocales(SUPPORTED);
		setDefaultLocale(Locale.ENGLISH);
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		Locale fromUiLocales = fromUiLocales(request.getParameter("ui_locales"));
		if (fromUiLocales != null) {
			return fromUiLocales;
		}
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof Locale remembered) {
			return remembered;
		}
		return super.resolveLocale(request);
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		request.getSession().setAttribute(SESSION_ATTRIBUTE, locale);
	}

	/** The first supported tag of a space-separated {@code ui_locales} list, or null. */
	static Locale fromUiLocales(String uiLocales) {
		if (uiLocales == null || uiLocales.length() > 200) {
			return null;
		}
		for (String tag : uiLocales.strip().split("\\s+")) {
			Locale candidate = Locale.forLanguageTag(tag);
			if (candidate.getLanguage().equals("zh")) {
				return Locale.SIMPLIFIED_CHINESE;
			}
			if (candidate.getLanguage().equals("en")) {
				return Locale.ENGLISH;
			}
		}
		return null;
	}

}
