package dev.smsauth.mfa.passkey;

import java.io.Serializable;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps the registration ceremony's options in the HTTP session, which lives in the database
 * (Spring Session JDBC), so the options and the registration may reach different nodes. The
 * framework's own repository puts the options object in the session as it is, and it is not
 * {@link Serializable}; we keep what the registration checks (challenge, user, RP, algorithms and
 * the user-verification rule, the same constants the options were made with) in a small record.
 */
final class SessionCreationOptions implements PublicKeyCredentialCreationOptionsRepository {

	static final String ATTRIBUTE = SessionCreationOptions.class.getName();

	@Override
	public void save(HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
		if (options == null) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.removeAttribute(ATTRIBUTE);
			}
			return;
		}
		request.getSession().setAttribute(ATTRIBUTE,
				new Stored(options.getChallenge().toBase64UrlString(), options.getUser().getId().toBase64UrlString(),
						options.getUser().getName(), options.getUser().getDisplayName(), options.getRp().getId(),
						options.getRp().getName(), options.getAuthenticatorSelection().getUserVerification() == UserVerificationRequirement.REQUIRED));
	}

	@Override
	public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Stored stored)) {
			return null;
		}
		return PublicKeyCredentialCreationOptions.builder()
			.challenge(Bytes.fromBase64(stored.challenge()))
			.user(ImmutablePublicKeyCredentialUserEntity.builder()
				.id(Bytes.fromBase64(stored.userId()))
				.name(stored.userName())
				.displayName(stored.displayName())
				.build())
			.rp(PublicKeyCredentialRpEntity.builder().id(stored.rpId()).name(stored.rpName()).build())
			.pubKeyCredParams(PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.ES256,
					PublicKeyCredentialParameters.RS256)
			.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
				.userVerification(stored.userVerificationRequired() ? UserVerificationRequirement.REQUIRED
						: UserVerificationRequirement.PREFERRED)
				.residentKey(ResidentKeyRequirement.REQUIRED)
				.build())
			.attestation(AttestationConveyancePreference.NONE)
			.timeout(Duration.ofMinutes(5))
			.build();
	}

	record Stored(String challenge, String userId, String userName, String displayName, String rpId, String rpName,
			boolean userVerificationRequired) implements Serializable {
	}

}
