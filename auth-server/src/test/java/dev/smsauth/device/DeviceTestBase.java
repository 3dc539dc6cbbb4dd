package dev.smsauth.device;

import java.util.List;
import java.util.Map;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.TestBrowser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the device tests share: browsers signed in with the password (a test page then stands in
 * for the factor page, {@link DeviceTestEndpoints}), the device cookie, the API's device list.
 */
abstract class DeviceTestBase extends MfaTestBase {

	static final String COOKIE = DeviceCookie.NAME;

	static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

	static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

	/** A new browser, signed in with the password only. */
	TestBrowser signedIn(Person person) {
		return signIn(new TestBrowser(base), person);
	}

	/** Signs {@code person} in at this browser (its device cookie stays). */
	TestBrowser signIn(TestBrowser browser, Person person) {
		TestBrowser.Page page = browser.submit(browser.get("/login"), "/login",
				Map.of("username", person.username(), "password", person.password()));
		assertThat(page.status()).isEqualTo(303);
		assertThat(page.location()).doesNotContain("error");
		return browser;
	}

	TestBrowser.Page proven(TestBrowser browser, boolean remember) {
		return proven(browser, remember, CHROME_ON_WINDOWS);
	}

	TestBrowser.Page proven(TestBrowser browser, boolean remember, String userAgent) {
		TestBrowser.Page page = browser.get("/test/devices/proven?remember=" + remember,
				Map.of("User-Agent", userAgent));
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return page;
	}

	boolean known(TestBrowser browser) {
		TestBrowser.Page page = browser.get("/test/devices/known");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return Boolean.parseBoolean(page.body());
	}

	boolean remembered(TestBrowser browser, int days) {
		TestBrowser.Page page = browser.get("/test/devices/remembered?days=" + days);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return Boolean.parseBoolean(page.body());
	}

	JsonNode devices(Person person) {
		ManagementClient.Response response = admin.call("GET", "/api/v1/users/" + person.id() + "/devices", null);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	int rows(Person person) {
		return jdbc.sql("SELECT COUNT(*) FROM user_device WHERE user_id = :user")
			.param("user", person.id())
			.query(Integer.class)
			.single();
	}

	/** The audit rows of one kind of an account, as "EVENT|details". */
	List<String> events(Person person, String type) {
		return jdbc.sql("SELECT event, details FROM audit_event WHERE user_id = :user AND event = :type ORDER BY id")
			.param("user", person.id())
			.param("type", type)
			.query((rs, row) -> rs.getString(1) + "|" + rs.getString(2))
			.list();
	}

}
