package dev.smsauth.demo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * Settings of the demo relying party. The defaults match the client the auth server seeds
 * in its embedded default profile, so a local run needs no configuration at all.
 *
 * @param issuer issuer of the authorization server; compared verbatim with the
 * {@code issuer} of its discovery document, so no trailing slash unless the server has one
 * @param clientId client id registered at the authorization server
 * @param clientSecret client secret, sent with {@code client_secret_basic}
 * @param scopes scopes requested at sign-in
 * @param idTokenSigningAlg the JWS algorithm our ID tokens are signed with: the application's
 * {@code idTokenSignedResponseAlg} at the auth server ({@code RS256}, {@code PS256} or
 * {@code ES256}); an ID token signed otherwise is refused
 */
@ConfigurationProperties("demo")
public record DemoClientProperties(
		@DefaultValue("http://localhost:9000") String issuer,
		@DefaultValue("demo-client") String clientId,
		@DefaultValue("demo-secret") String clientSecret,
		@DefaultValue({ "openid", "profile", "email", "phone", "offline_access" }) List<String> scopes,
		@DefaultValue("RS256") String idTokenSigningAlg) {

	@ConstructorBinding
	public DemoClientProperties {
		// Copy so that nobody can change the requested scopes behind the registration's back.
		scopes = List.copyOf(scopes);
		if (!List.of("RS256", "PS256", "ES256").contains(idTokenSigningAlg)) {
			throw new IllegalArgumentException(
					"demo.id-token-signing-alg must be RS256, PS256 or ES256, not " + idTokenSigningAlg);
		}
	}

	/** ID tokens signed RS256. */
	public DemoClientProperties(String issuer, String clientId, String clientSecret, List<String> scopes) {
		this(issuer, clientId, clientSecret, scopes, "RS256");
	}

	/** Spring Security's name of {@link #idTokenSigningAlg}. */
	public SignatureAlgorithm idTokenSignatureAlgorithm() {
		return SignatureAlgorithm.from(idTokenSigningAlg);
	}

}
