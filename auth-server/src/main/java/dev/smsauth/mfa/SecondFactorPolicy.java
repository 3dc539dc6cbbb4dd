package dev.smsauth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.smsauth.user.AuthenticatorApps;
import dev.smsauth.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Component;

/**
 * The one place that decides which second factor a sign-in still needs and which factors may
 * satisfy it: for the authorization endpoint (the application's {@link SignInPolicy} and
 * {@code acr_values}), for the console (always, SMS or the app, no enrollment) and for the account
 * pages (the factor the account already has, before it changes one). Which page to ask for is
 * decided here too: the authenticator app for people who set one up (where accepted), else SMS.
 */
@Component
public class SecondFactorPolicy {

	public static final String SMS_PAGE = "/mfa/sms";

	public static final String AUTHENTICATOR_PAGE = "/mfa/authenticator";

	public static final String PASSKEY_PAGE = "/mfa/passkey";

	/** The page that proves each factor a decision may ask for ({@link SecondFactorDecision#ask()}). */
	public static final Map<String, String> PAGES = Map.of(Factors.SMS_AUTHORITY, SMS_PAGE, Factors.TOTP_AUTHORITY,
			AUTHENTICATOR_PAGE, Factors.WEBAUTHN_AUTHORITY, PASSKEY_PAGE);

	/** Parameters after which the authorization endpoint's own filters may answer before its rule. */
	private static final List<String> ANSWERED_BEFORE_THE_RULE = List.of("prompt", "max_age",
			"request_uri");

	/** Account changes: the factor the account has, or a passkey (at least as strong as either). */
	private static final SignInPolicy ACCOUNT_CHANGE = new SignInPolicy(SignInPolicy.Required.ALWAYS,
			java.util.EnumSet.of(SecondFactor.SMS, SecondFactor.TOTP, SecondFactor.PASSKEY), null, 0,
			SignInPolicy.Enrollment.ADMINISTRATOR_ONLY);

	private static final int MAX_CLIENT_ID = 100;

	private final RegisteredClientRepository clients;

	private final AuthenticatorApps authenticatorApps;

	private final RegisteredPasskeys passkeys;

	private final Clock clock;

	private final ObjectProvider<DeviceTrust> devices;

	private final RequestCache requestCache;

	/** Without passkeys (tests of the rules that do not involve them). */
	SecondFactorPolicy(RegisteredClientRepository clients, AuthenticatorApps authenticatorApps, Clock clock,
			ObjectProvider<DeviceTrust> devices, RequestCache requestCache) {
		this(clients, authenticatorApps, user -> false, clock, devices, requestCache);
	}

	@org.springframework.beans.factory.annotation.Autowired
	SecondFactorPolicy(RegisteredClientRepository clients, AuthenticatorApps authenticatorApps,
			RegisteredPasskeys passkeys, Clock clock, ObjectProvider<DeviceTrust> devices, RequestCache requestCache) {
		this.clients = clients;
		this.authenticatorApps = authenticatorApps;
		this.passkeys = passkeys;
		this.clock = clock;
		this.devices = devices;
		this.requestCache = requestCache;
	}

	/** The rule on {@code /oauth2/authorize} for {@code signedIn}, the session's own sign-in. */
	public SecondFactorDecision forAuthorization(HttpServletRequest request, Authentication signedIn) {
		SignInPolicy policy = policyOf(request.getParameter("client_id"));
		String acrValues = request.getParameter("acr_values");
		if (asksForPhishingResistance(acrValues)) {
			// Only a passkey reaches the phishing-resistant level: whatever else the application
			// accepts, this request is satisfied by a passkey alone.
			return decide(new SignInPolicy(SignInPolicy.Required.ALWAYS, java.util.EnumSet.of(SecondFactor.PASSKEY),
					policy.reauthenticateAfter(), 0, policy.enrollment()), true, false, request, signedIn);
		}
		return decide(policy, asksForMfa(acrValues), request, signedIn);
	}

	/**
	 * Right after the password: the factor page the waiting authorization request will send
	 * {@code signedIn} to, so the browser goes there at once instead of first through the
	 * authorization endpoint, which would only redirect it there (one hop less per sign-in; Keycloak
	 * and Auth0 also show the factor right after the password). The same decision as the endpoint's
	 * rule ({@link #forAuthorization}), asked with the waiting request's parameters; the rule stays
	 * what decides, since the request resumes there after the factor.
	 *
	 * <p>Empty whenever the endpoint might answer otherwise or the decision needs nothing: nothing
	 * waiting, not an authorization request by GET with one {@code client_id}, a pushed request
	 * (its parameters are not in the URL), or one with {@code prompt} or {@code max_age}, which the
	 * endpoint's own filter applies first ({@code login.PromptAndMaxAgeFilter}).
	 */
	public Optional<String> pageForWaitingAuthorization(HttpServletRequest request, Authentication signedIn) {
		DefaultSavedRequest waiting = signedIn == null ? null : waitingRequest(request);
		if (waiting == null || !"GET".equals(waiting.getMethod()) || !isAuthorizationRequestOfOneClient(waiting)
				|| !atMostOne(waiting, "acr_values")
				|| ANSWERED_BEFORE_THE_RULE.stream().anyMatch(name -> waiting.getParameterValues(name) != null)) {
			return Optional.empty();
		}
		SecondFactorDecision decision = forAuthorization(withParametersOf(request, waiting), signedIn);
		return decision.satisfied() ? Optional.empty() : Optional.ofNullable(PAGES.get(decision.ask()));
	}

	/** The request saved in this browser's session, waiting for the sign-in to finish; null if none. */
	private DefaultSavedRequest waitingRequest(HttpServletRequest request) {
		if (request.getSession(false) == null) {
			return null;
		}
		return requestCache.getRequest(request, null) instanceof DefaultSavedRequest waiting ? waiting : null;
	}

	private static boolean isAuthorizationRequestOfOneClient(DefaultSavedRequest waiting) {
		String[] clientIds = waiting.getParameterValues("client_id");
		return String.valueOf(waiting.getRequestURI()).endsWith("/oauth2/authorize") && clientIds != null
				&& clientIds.length == 1;
	}

	private static boolean atMostOne(DefaultSavedRequest saved, String name) {
		String[] values = saved.getParameterValues(name);
		return values == null || values.length == 1;
	}

	/**
	 * {@code request} (its cookies: the device trust reads the browser's token) with the saved
	 * request's parameters instead of its own, which are the sign-in form's.
	 */
	private static HttpServletRequest withParametersOf(HttpServletRequest request, DefaultSavedRequest saved) {
		return new HttpServletRequestWrapper(request) {

			@Override
			public String getParameter(String name) {
				String[] values = saved.getParameterValues(name);
				return values == null || values.length == 0 ? null : values[0];
			}

			@Override
			public String[] getParameterValues(String name) {
				return saved.getParameterValues(name);
			}

			@Override
			public Map<String, String[]> getParameterMap() {
				return saved.getParameterMap();
			}

			@Override
			public Enumeration<String> getParameterNames() {
				return Collections.enumeration(saved.getParameterNames());
			}

			@Override
			public String getMethod() {
				return "GET";
			}

		};
	}

	/** The console: an application that always needs SMS or the authenticator app. */
	public SecondFactorDecision forConsole(HttpServletRequest request, Authentication signedIn) {
		return decide(SignInPolicy.CONSOLE, false, request, signedIn);
	}

	/**
	 * Before an account changes a factor: the page of the factor it must prove first, if it has one
	 * (a number or an app) and none is proven in this session; the app first, so the password alone
	 * can not add a number and then sign in around the app.
	 */
	public Optional<String> beforeAccountChange(Authentication signedIn, UserAccount user) {
		boolean hasApp = authenticatorApps.isSetUp(user.id());
		if ((user.hasPhoneNumber() || hasApp) && freshFactor(signedIn, ACCOUNT_CHANGE, true) == null) {
			return Optional.of(hasApp ? AUTHENTICATOR_PAGE : SMS_PAGE);
		}
		return Optional.empty();
	}

	/**
	 * The password is older than the application's {@code reauthenticateAfter}: the same duration
	 * works as a {@code max_age} on the password for this application.
	 */
	public boolean passwordTooOld(HttpServletRequest request, Authentication signedIn) {
		Duration limit = policyOf(request.getParameter("client_id")).reauthenticateAfter();
		Instant password = Factors.passwordTime(signedIn);
		return limit != null && password != null && password.plus(limit).isBefore(clock.instant());
	}

	/**
	 * The policy of the request waiting for this factor page: the console's for a console page, the
	 * application's for an authorization request, and null when nothing is waiting (a direct visit).
	 */
	public SignInPolicy pendingPolicy(HttpServletRequest request) {
		DefaultSavedRequest waiting = waitingRequest(request);
		if (waiting == null) {
			return null;
		}
		String path = String.valueOf(waiting.getServletPath());
		if (path.equals("/console") || path.startsWith("/console/")) {
			return SignInPolicy.CONSOLE;
		}
		return isAuthorizationRequestOfOneClient(waiting) ? policyOf(waiting.getParameterValues("client_id")[0]) : null;
	}

	/** An application's policy; an unknown one (the endpoint rejects it anyway) asks for nothing. */
	public SignInPolicy policyOf(String clientId) {
		if (clientId == null || clientId.isBlank() || clientId.length() > MAX_CLIENT_ID) {
			return SignInPolicy.OFF;
		}
		RegisteredClient client = clients.findByClientId(clientId);
		return client == null ? SignInPolicy.OFF : SignInPolicy.of(client.getClientSettings());
	}

	SecondFactorDecision decide(SignInPolicy policy, boolean stepUp, HttpServletRequest request,
			Authentication signedIn) {
		return decide(policy, stepUp, true, request, signedIn);
	}

	/**
	 * {@code recoveryCounts}: a recovery code satisfies every policy that needs a second factor
	 * (whatever factors it lists: it is the way back in for someone who lost them), except the
	 * phishing-resistant level, which only a passkey reaches.
	 */
	SecondFactorDecision decide(SignInPolicy policy, boolean stepUp, boolean recoveryCounts, HttpServletRequest request,
			Authentication signedIn) {
		String userId = signedIn.getName();
		// acr_values for the MFA level always forces the factor: no policy, known or remembered
		// browser talks it away (the relying party asked for it).
		boolean needed = stepUp || switch (policy.required()) {
			case NEVER -> false;
			case ALWAYS -> true;
			case NEW_DEVICE -> !NoDeviceTrust.from(devices).isKnown(request, userId);
		};
		if (!needed) {
			return SecondFactorDecision.NOT_NEEDED;
		}
		if (freshFactor(signedIn, policy, recoveryCounts) != null) {
			return SecondFactorDecision.SATISFIED;
		}
		if (!stepUp && policy.rememberDeviceDays() > 0 && NoDeviceTrust.from(devices)
			.isRemembered(request, userId, Duration.ofDays(policy.rememberDeviceDays()))) {
			return SecondFactorDecision.REMEMBERED_DEVICE;
		}
		return SecondFactorDecision.needs(ask(policy, userId));
	}

	/** The newest accepted factor proven within {@code reauthenticateAfter} (any age when unset), or null. */
	private FactorGrantedAuthority freshFactor(Authentication signedIn, SignInPolicy policy, boolean recoveryCounts) {
		if (signedIn == null) {
			return null;
		}
		Instant now = clock.instant();
		Duration limit = policy.reauthenticateAfter();
		for (GrantedAuthority granted : signedIn.getAuthorities()) {
			boolean accepted = policy.factors().stream().anyMatch(f -> f.authority().equals(granted.getAuthority()))
					|| (recoveryCounts && Factors.RECOVERY_AUTHORITY.equals(granted.getAuthority()));
			if (!accepted) {
				continue;
			}
			if (limit == null) {
				return granted instanceof FactorGrantedAuthority factor ? factor
						: FactorGrantedAuthority.withAuthority(granted.getAuthority()).issuedAt(now).build();
			}
			if (granted instanceof FactorGrantedAuthority factor && !factor.getIssuedAt().plus(limit).isBefore(now)) {
				return factor;
			}
		}
		return null;
	}

	private String ask(SignInPolicy policy, String userId) {
		// A passkey first: the strongest factor the person has (phishing resistant).
		if (policy.accepts(SecondFactor.PASSKEY) && passkeys.hasPasskey(userId)) {
			return Factors.WEBAUTHN_AUTHORITY;
		}
		if (!policy.accepts(SecondFactor.SMS) && !policy.accepts(SecondFactor.TOTP)) {
			return Factors.WEBAUTHN_AUTHORITY; // its page tells a person without one what to do
		}
		if (policy.accepts(SecondFactor.TOTP) && authenticatorApps.isSetUp(userId)) {
			return Factors.TOTP_AUTHORITY;
		}
		// SMS (with its enrollment) unless only the app is accepted: then the app's page, which
		// tells a person without one what to do.
		return policy.accepts(SecondFactor.SMS) ? Factors.SMS_AUTHORITY : Factors.TOTP_AUTHORITY;
	}

	/**
	 * Whether a recovery code would satisfy the request waiting for the factor page: not when it
	 * asks for the phishing-resistant level (the code would be spent for nothing).
	 */
	public boolean recoveryCodeAccepted(HttpServletRequest request) {
		DefaultSavedRequest waiting = waitingRequest(request);
		if (waiting != null && waiting.getParameterValues("acr_values") != null) {
			for (String acrValues : waiting.getParameterValues("acr_values")) {
				if (asksForPhishingResistance(acrValues)) {
					return false;
				}
			}
		}
		return true;
	}

	static boolean asksForPhishingResistance(String acrValues) {
		return acrValues != null && Arrays.asList(acrValues.split(" ")).contains(Factors.ACR_PHISHING_RESISTANT);
	}

	static boolean asksForMfa(String acrValues) {
		return acrValues != null && Arrays.asList(acrValues.split(" ")).contains(Factors.ACR_MFA);
	}

}
