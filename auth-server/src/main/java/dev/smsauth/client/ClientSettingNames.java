package dev.smsauth.client;

import java.time.Duration;

import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.ConfigurationSettingNames;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Our own keys inside a registered client's {@link ClientSettings}. The sign-in policy's keys
 * (the {@code mfa} object) belong to {@link dev.smsauth.mfa.SignInPolicy}, which reads and writes
 * them for the rules, the management API and the console alike.
 */
public final class ClientSettingNames {

	/**
	 * Boolean: the application must send its authorization requests through the pushed
	 * authorization request endpoint (RFC 9126); a request straight to the authorization endpoint is
	 * refused.
	 */
	public static final String REQUIRE_PAR = "settings.client.require-pushed-authorization-requests";

	/**
	 * Duration, in the client's {@link TokenSettings}: how long after the first refresh token of a
	 * grant its last one may still be used, however often it was rotated.
	 */
	public static final String REFRESH_TOKEN_ABSOLUTE_LIFETIME = "settings.token.refresh-token-absolute-lifetime";

	/**
	 * Integer: how many SMS code messages this application's sign-ins may send per calendar month
	 * (UTC); absent means no monthly budget. Enforced by {@code sms.budget.SmsMonthlyBudgets}.
	 */
	public static final String SMS_MONTHLY_BUDGET = "settings.client.sms.monthly-budget";

	/** The largest monthly SMS budget an administrator may set. */
	public static final int MAX_SMS_MONTHLY_BUDGET = 10_000_000;

	/** For applications registered before the setting existed, or without it. */
	public static final Duration DEFAULT_REFRESH_TOKEN_ABSOLUTE_LIFETIME = Duration.ofDays(30);

	/**
	 * {@link SignatureAlgorithm}, in the client's {@link TokenSettings}: the JWS algorithm of its JWT
	 * access tokens. The framework has a setting for ID tokens only (it signs access tokens RS256);
	 * {@code token.AccessTokens} puts this one in the header.
	 */
	public static final String ACCESS_TOKEN_SIGNATURE_ALGORITHM = "settings.token.access-token-signature-algorithm";

	private ClientSettingNames() {
	}

	public static boolean parRequired(ClientSettings settings) {
		return Boolean.TRUE.equals(settings.getSetting(REQUIRE_PAR));
	}

	/** The ID tokens' algorithm (the framework's own setting); RS256 for one we do not offer. */
	public static SigningAlgorithm idTokenSigningAlgorithm(TokenSettings settings) {
		return algorithm(settings.getSetting(ConfigurationSettingNames.Token.ID_TOKEN_SIGNATURE_ALGORITHM));
	}

	/** The JWT access tokens' algorithm; RS256 for applications registered before the setting existed. */
	public static SigningAlgorithm accessTokenSigningAlgorithm(TokenSettings settings) {
		return algorithm(settings.getSetting(ACCESS_TOKEN_SIGNATURE_ALGORITHM));
	}

	private static SigningAlgorithm algorithm(Object stored) {
		String name = stored instanceof JwsAlgorithm jws ? jws.getName() : stored instanceof String text ? text : null;
		return SigningAlgorithm.of(name).orElse(SigningAlgorithm.DEFAULT);
	}

	/** The application's monthly SMS budget, or null when it has none. */
	public static Integer smsMonthlyBudget(ClientSettings settings) {
		return settings.getSetting(SMS_MONTHLY_BUDGET) instanceof Number budget ? budget.intValue() : null;
	}

	/** Sets the monthly SMS budget, or removes it ({@code null}: no budget). */
	static void smsMonthlyBudget(ClientSettings.Builder settings, Integer budget) {
		settings.settings(map -> {
			if (budget == null) {
				map.remove(SMS_MONTHLY_BUDGET);
			}
			else {
				map.put(SMS_MONTHLY_BUDGET, budget);
			}
		});
	}

	public static Duration refreshTokenAbsoluteLifetime(TokenSettings settings) {
		return settings.getSetting(REFRESH_TOKEN_ABSOLUTE_LIFETIME) instanceof Duration lifetime ? lifetime
				: DEFAULT_REFRESH_TOKEN_ABSOLUTE_LIFETIME;
	}

}
