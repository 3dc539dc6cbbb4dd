package dev.smsauth.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak's username-and-password form (browser flow, no required actions): GET the authorization
 * endpoint → 200 with the login page → POST its {@code kc-form-login} form to the action URL it
 * names (which carries the session code and tab id), with the cookies the first answer set →
 * 302 to the client's redirect URI with the code.
 */
final class KeycloakLogin implements LoginAdapter {

	private static final Pattern FORM = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*>", Pattern.CASE_INSENSITIVE);

	private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

	private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|quot|apos|lt|gt|#39);");

	@Override
	public String signIn(Browser browser, String authorizeUrl, String username, String password) {
		Response page = browser.get(authorizeUrl).expect(200, "Keycloak login page");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("username", username);
		fields.put("password", password);
		fields.put("credentialId", ""); // the form's hidden field, empty for a password
		Response answer = browser.post(loginFormAction(page.body()), fields);
		if (!answer.isRedirect() || !answer.location().contains("code=")) {
			throw new BenchException("Keycloak login: expected the redirect with the code but got " + answer.status() + " "
					+ answer.location());
		}
		return answer.location();
	}

	/** The action URL of the {@code kc-form-login} form, HTML entities decoded (Freemarker writes {@code &amp;}). */
	static String loginFormAction(String html) {
		Matcher form = FORM.matcher(html);
		if (!form.find()) {
			throw new BenchException("no kc-form-login form in the page (a required action or another theme?)");
		}
		Matcher action = ACTION.matcher(form.group());
		if (!action.find()) {
			throw new BenchException("the kc-form-login form has no action");
		}
		return unescape(action.group(1));
	}

	static String unescape(String text) {
		Matcher m = ENTITY.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String entity = m.group(1);
			String replacement = switch (entity) {
				case "amp" -> "&";
				case "quot" -> "\"";
				case "apos", "#39" -> "'";
				case "lt" -> "<";
				case "gt" -> ">";
				default -> Character.toString(entity.charAt(1) == 'x' || entity.charAt(1) == 'X'
						? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1)));
			};
			m.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		m.appendTail(out);
		return out.toString();
	}

}
