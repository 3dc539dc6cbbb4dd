package dev.smsauth.demo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo relying party. The defaults match the client the auth server seeds
 * in its embedded default profile, so a local run needs no configuration at all.
 *
 * @param issuer issuer of the authorization server; compared verbatim with the
 * {@code issuer} of its discovery document, so no trailing slash unless the server has one
 * @param clientId client id registered at the authorization server
 * @param clientSecret client secret, sent with {@code client_secret_basic}
 * @param scopes scopes requested at sign-in
 */
@ConfigurationProperties("demo")
public record DemoClientProperties(
		@DefaultValue("http://localhost:9000") String issuer,
		@DefaultValue("demo-client") String clientId,
		@DefaultValue("demo-secret") String clientSecret,
		@DefaultValue({ "openid", "profile", "email", "phone", "offline_access" }) List<String> scopes) {

	public DemoClientProperties {
		// Copy so that nobody can change the requested scopes behind the registration's back.
		scopes = List.copyOf(scopes);
	}

}
