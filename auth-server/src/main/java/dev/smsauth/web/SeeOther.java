package dev.smsauth.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Redirects with 303 See Other: after a POST that carried credentials or a code, the browser must
 * follow with a GET and never re-send the body (307 would).
 */
public final class SeeOther {

	private SeeOther() {
	}

	public static RedirectView to(String url) {
		RedirectView view = new RedirectView(url, true);
		view.setStatusCode(HttpStatus.SEE_OTHER);
		view.setExposeModelAttributes(false);
		return view;
	}

}
