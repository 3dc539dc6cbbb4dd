package dev.smsauth.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What the scenarios need on the server, created once through the management API and shared:
 * a confidential client_credentials application, an application with the SMS step on, and one
 * user per worker, each with a phone number of their own (so the per-number SMS budget never
 * decides the result).
 */
final class Fixtures {

	static final String REDIRECT_URI = "https://rp.bench.test/callback";

	static final String PASSWORD = "bench-password-correct-horse";

	private final Management management;

	private Management.App clientCredentialsApp;

	private Management.App referenceTokenApp;

	private Management.App es256App;

	private Management.App smsApp;

	private Management.App passwordApp;

	private final List<String> phones = new ArrayList<>();

	Fixtures(Management management) {
		this.management = management;
	}

	Management management() {
		return management;
	}

	synchronized Management.App clientCredentialsApp() {
		if (clientCredentialsApp == null) {
			clientCredentialsApp = management.createApplication(
					"{\"name\":\"Bench service\",\"scopes\":[\"bench.read\",\"bench.write\"],"
							+ "\"grantTypes\":[\"client_credentials\"],\"public\":false}");
		}
		return clientCredentialsApp;
	}

	/** The same service, configured for opaque (reference) access tokens: no signature per grant. */
	synchronized Management.App referenceTokenApp() {
		if (referenceTokenApp == null) {
			referenceTokenApp = management.createApplication(
					"{\"name\":\"Bench service (reference tokens)\",\"scopes\":[\"bench.read\",\"bench.write\"],"
							+ "\"grantTypes\":[\"client_credentials\"],\"public\":false,\"accessTokenFormat\":\"reference\"}");
		}
		return referenceTokenApp;
	}

	/** The same service, its access tokens signed with ES256 (P-256) instead of the default RS256. */
	synchronized Management.App es256App() {
		if (es256App == null) {
			es256App = management.createApplication(
					"{\"name\":\"Bench service (ES256)\",\"scopes\":[\"bench.read\",\"bench.write\"],"
							+ "\"grantTypes\":[\"client_credentials\"],\"public\":false,\"accessTokenSignedResponseAlg\":\"ES256\"}");
		}
		return es256App;
	}

	synchronized Management.App smsApp() {
		if (smsApp == null) {
			smsApp = management.createApplication("{\"name\":\"Bench SMS app\",\"redirectUris\":[\"" + REDIRECT_URI + "\"],"
					+ "\"scopes\":[\"openid\",\"profile\",\"phone\",\"offline_access\"],"
					+ "\"grantTypes\":[\"authorization_code\",\"refresh_token\"],\"public\":false,\"mfa\":{\"sms\":true}}");
		}
		return smsApp;
	}

	/** An application without a second factor: its sign-in is the password alone, as a Keycloak realm's browser flow. */
	synchronized Management.App passwordApp() {
		if (passwordApp == null) {
			passwordApp = management.createApplication("{\"name\":\"Bench password app\",\"redirectUris\":[\"" + REDIRECT_URI
					+ "\"],\"scopes\":[\"openid\",\"profile\"],\"grantTypes\":[\"authorization_code\",\"refresh_token\"],"
					+ "\"public\":false,\"mfa\":{\"sms\":false}}");
		}
		return passwordApp;
	}

	/** Makes sure users 0..count-1 exist. */
	synchronized void ensureUsers(int count) {
		while (phones.size() < count) {
			int i = phones.size();
			String phone = "+1415557" + String.format("%04d", i);
			management.createUser(username(i), phone, PASSWORD);
			phones.add(phone);
		}
	}

	static String username(int i) {
		return "bench-user-" + i;
	}

	synchronized String phone(int i) {
		return phones.get(i);
	}

}
