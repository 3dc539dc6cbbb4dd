package dev.smsauth.mfa.passkey;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Component;

/**
 * A passkey as the second factor of the person already signed in. Unlike the framework's
 * {@code /login/webauthn} (a sign-in that may name anyone), the challenge lists only the signed-in
 * account's passkeys, and an assertion counts only when its credential belongs to that same
 * account; the signed-in principal never changes. The challenge is kept in the (database) session
 * and used once.
 */
@Component
class PasskeyAssertions {

	static final String ATTRIBUTE = PasskeyAssertions.class.getName() + ".options";

	/** UV bit of the authenticator data's flags byte (WebAuthn §6.1), after the 32-byte RP ID hash. */
	private static final int FLAGS_OFFSET = 32;

	private static final int FLAG_USER_VERIFIED = 0x04;

	private final WebAuthnRelyingPartyOperations relyingParty;

	private final UserCredentialRepository credentials;

	private final Passkeys passkeys;

	private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

	PasskeyAssertions(WebAuthnRelyingPartyOperations relyingParty, UserCredentialRepository credentials,
			Passkeys passkeys) {
		this.relyingParty = relyingParty;
		this.credentials = credentials;
		this.passkeys = passkeys;
	}

	/** A new challenge for the signed-in account's passkeys, as the JSON the browser script reads. */
	String options(Authentication signedIn, HttpServletRequest request) {
		PublicKeyCredentialRequestOptions options = relyingParty
			.createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(signedIn));
		request.getSession().setAttribute(ATTRIBUTE, options);
		return json.writeValueAsString(options);
	}

	/**
	 * Checks the browser's assertion against the challenge of this session (used up either way).
	 * Empty when refused: no challenge, unreadable, a credential not of this account, or the
	 * signature does not verify.
	 */
	Optional<Verified> verify(Authentication signedIn, String body, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Object saved = session == null ? null : session.getAttribute(ATTRIBUTE);
		if (!(saved instanceof PublicKeyCredentialRequestOptions options)) {
			return Optional.empty();
		}
		session.removeAttribute(ATTRIBUTE);
		PublicKeyCredential<AuthenticatorAssertionResponse> credential;
		try {
			JavaType type = json.getTypeFactory()
				.constructParametricType(PublicKeyCredential.class, AuthenticatorAssertionResponse.class);
			credential = json.readValue(body, type);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		if (credential == null || credential.getRawId() == null || credential.getResponse() == null) {
			return Optional.empty();
		}
		// The credential must be one of the signed-in account's: a passkey of another person is
		// refused before anything is verified or updated.
		Bytes handle = passkeys.userHandle(signedIn.getName());
		CredentialRecord record = credentials.findByCredentialId(credential.getRawId());
		if (handle == null || record == null || !handle.equals(record.getUserEntityUserId())) {
			return Optional.empty();
		}
		PublicKeyCredentialUserEntity owner;
		try {
			owner = relyingParty.authenticate(new RelyingPartyAuthenticationRequest(options, credential));
		}
		catch (RuntimeException ex) {
			// webauthn4j's verification failures (signature, origin, RP ID, challenge, counter) and
			// the framework's IllegalArgumentExceptions: a refusal, never a 500.
			return Optional.empty();
		}
		if (owner == null || !signedIn.getName().equals(owner.getName())) {
			return Optional.empty();
		}
		byte[] authenticatorData = credential.getResponse().getAuthenticatorData().getBytes();
		boolean userVerified = authenticatorData.length > FLAGS_OFFSET
				&& (authenticatorData[FLAGS_OFFSET] & FLAG_USER_VERIFIED) != 0;
		return Optional.of(new Verified(userVerified));
	}

	/** What the verified (signed) authenticator data says. */
	record Verified(boolean userVerified) {
	}

}
