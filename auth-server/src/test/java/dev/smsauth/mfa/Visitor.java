package dev.smsauth.mfa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person at one browser signing in to one application, with every HTTP answer kept, so a test
 * can check afterwards that no hop ever carried an authorization code before it should have.
 */
public final class Visitor {

	private final TestBrowser browser;

	private final SignInFlow flow;

	private final List<TestBrowser.Page> hops = new ArrayList<>();

	/** The last answer to Send code (the SMS page itself, or a redirect), for {@link #smsMessages()}. */
	private TestBrowser.Page sendAnswer;

	public Visitor(TestBrowser browser, String clientId, String redirectUri) {
		this.browser = browser;
		this.flow = new SignInFlow(browser, clientId, redirectUri);
	}

	/** The same browser (same cookies) going to another application, or to another redirect URI. */
	public Visitor to(String clientId, String redirectUri) {
		return new Visitor(browser, clientId, redirectUri);
	}

	public TestBrowser browser() {
		return browser;
	}

	public TestBrowser.Page authorize() {
		return record(flow.authorize());
	}

	public TestBrowser.Page authorize(Map<String, String> extra) {
		return record(flow.authorize("openid profile phone", extra));
	}

	public TestBrowser.Page signIn(String identifier, String password) {
		return record(flow.signIn(identifier, password));
	}

	public TestBrowser.Page get(String pathOrUrl) {
		return record(browser.get(pathOrUrl));
	}

	public TestBrowser.Page smsPage() {
		return get("/mfa/sms");
	}

	/**
	 * Presses "Send code" on the SMS page as a browser without JavaScript does: posts the form's
	 * own hidden fields (and its CSRF token), nothing else.
	 */
	public TestBrowser.Page sendCode() {
		TestBrowser.Page page = browser.get("/mfa/sms");
		sendAnswer = record(browser.submit(page, "/mfa/sms/send", hiddenFields(page, "/mfa/sms/send")));
		return sendAnswer;
	}

	/** Types a number into the enrollment form and presses "Send code". */
	public TestBrowser.Page enroll(String phoneNumber) {
		TestBrowser.Page page = browser.get("/mfa/sms");
		sendAnswer = record(browser.submit(page, "/mfa/sms/send", Map.of("phoneNumber", phoneNumber)));
		return sendAnswer;
	}

	public TestBrowser.Page verify(String code) {
		return record(flow.verify(code));
	}

	/**
	 * The messages the SMS step shows now: Send code's own answer when that was the last one (it is the
	 * page, with what happened on it), else the page fetched again (which consumes a message a redirect
	 * left, such as a wrong code's).
	 */
	public String smsMessages() {
		TestBrowser.Page last = hops.isEmpty() ? null : hops.get(hops.size() - 1);
		return last != null && last == sendAnswer && !last.isRedirect() ? last.alerts() : smsPage().alerts();
	}

	/** {@link TestBrowser#next}, recorded. */
	public TestBrowser.Page next(TestBrowser.Page page) {
		return page.isRedirect() && page.location().startsWith(browser.base()) ? get(page.location()) : page;
	}

	/** Follows redirects on this server, recording each hop; stops at a page or a redirect elsewhere. */
	public TestBrowser.Page follow(TestBrowser.Page page) {
		TestBrowser.Page current = page;
		for (int i = 0; i < 10 && current.isRedirect() && current.location().startsWith(browser.base()); i++) {
			current = get(current.location());
		}
		return current;
	}

	/** Every answer so far, in order. */
	public List<TestBrowser.Page> hops() {
		return List.copyOf(hops);
	}

	/** No answer so far was a redirect carrying {@code code}, to the application or anywhere else. */
	public void assertNoCodeInAnyHop() {
		for (TestBrowser.Page hop : hops) {
			if (hop.isRedirect()) {
				assertThat(SignInFlow.param(hop, "code")).as("authorization code in redirect to %s", hop.location())
					.isNull();
			}
		}
	}

	/** Redeems the code in a redirect to the application and returns the ID token's claims. */
	public JsonNode idToken(TestBrowser.Page redirectWithCode, String clientSecret) {
		return SignInFlow.claims(tokens(redirectWithCode, clientSecret).get("id_token").asString());
	}

	/** Redeems the code in a redirect to the application and returns the token response. */
	public JsonNode tokens(TestBrowser.Page redirectWithCode, String clientSecret) {
		String code = SignInFlow.codeIn(redirectWithCode);
		assertThat(code).as("code in %s", redirectWithCode.location()).isNotNull();
		JsonNode tokens = flow.exchange(code, clientSecret);
		assertThat(tokens.get("_status").asInt()).as("token response %s", tokens).isEqualTo(200);
		return tokens;
	}

	/** The hidden inputs (but the CSRF token) of the form on {@code page} that posts to {@code action}. */
	static Map<String, String> hiddenFields(TestBrowser.Page page, String action) {
		Matcher form = Pattern.compile("<form\\b[^>]*action=\"" + Pattern.quote(action) + "\"[^>]*>(.*?)</form>",
				Pattern.DOTALL).matcher(page.body());
		if (!form.find()) {
			throw new AssertionError("no form posting to " + action + " on the page:\n" + page.body());
		}
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher input = Pattern.compile("<input\\b([^>]*)>").matcher(form.group(1));
		while (input.find()) {
			String attributes = input.group(1);
			String name = attribute(attributes, "name");
			if (attributes.contains("type=\"hidden\"") && name != null && !"_csrf".equals(name)) {
				String value = attribute(attributes, "value");
				fields.put(name, value == null ? "" : value);
			}
		}
		return fields;
	}

	private static String attribute(String attributes, String name) {
		Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attributes);
		return m.find() ? m.group(1) : null;
	}

	private TestBrowser.Page record(TestBrowser.Page page) {
		hops.add(page);
		return page;
	}

}
