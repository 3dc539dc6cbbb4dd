package dev.smsauth.key;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.smsauth.client.SigningAlgorithm;
import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * An application's signing algorithm seen by its relying party, over HTTP: for RS256, PS256 and
 * ES256 an authorization-code sign-in gives an ID token and a JWT access token signed with the
 * ACTIVE key of that algorithm, which the relying party verifies with the JWKS it fetches, and
 * which userinfo and introspection accept; rotation gives every algorithm a NEXT key that is
 * published before it signs, and tokens of the replaced keys keep verifying. Keys of the three
 * algorithms are made at start ({@code auth.keys.algorithms}); a context of its own, since its JWKS
 * holds EC keys. The clock only moves forward here.
 */
@AuthServerTest
@TestPropertySource(properties = { "auth.keys.algorithms=RS256,PS256,ES256", "auth.keys.publish-before-use=10m",
		"auth.keys.retain-after-retirement=1d", "auth.keys.refresh-every=1m", "auth.keys.jwks-max-age=5m" })
class SigningAlgorithmSignInTests {

	static final String REDIRECT = "https://rp.example.com/cb";

	static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256");

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	SigningKeyStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JwtEncoder encoder;

	Api api;

	@BeforeEach
	void connectAndFinishEarlierRotations() {
		api = Api.management("http://localhost:" + port);
		jdbc.sql("SELECT MAX(activates_at) FROM signing_key WHERE status = 'NEXT'")
			.query(Timestamp.class)
			.optional()
			.filter(activatesAt -> activatesAt != null)
			.ifPresent(activatesAt -> moveClockTo(activatesAt.toInstant().plusSeconds(1)));
		store.refresh();
		clock.advance(Duration.ofSeconds(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "PS256", "ES256" })
	void whenAnApplicationChoosesAnAlgorithmThenItsTokensAreSignedWithTheActiveKeyOfThatAlgorithm(String alg)
			throws Exception {
		JsonNode app = createApplication(alg, alg);
		assertThat(app.get("idTokenSignedResponseAlg").asString()).isEqualTo(alg);
		assertThat(app.get("accessTokenSignedResponseAlg").asString()).isEqualTo(alg);

		Tokens tokens = signIn(app);

		String activeKid = activeKid(alg);
		SignedJWT idToken = SignedJWT.parse(tokens.idToken());
		assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.parse(alg));
		assertThat(idToken.getHeader().getKeyID()).isEqualTo(activeKid);
		IDTokenClaimsSet claims = relyingPartyValidates(app, alg, tokens.idToken());
		assertThat(claims.getSubject().getValue()).isEqualTo(tokens.subject());

		SignedJWT accessToken = SignedJWT.parse(tokens.accessToken());
		assertThat(accessToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.parse(alg));
		assertThat(accessToken.getHeader().getKeyID()).isEqualTo(activeKid);
		assertThat(accessToken.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
		assertThat(resourceServerVerifies(alg, tokens.accessToken()).getSubject()).isEqualTo(tokens.subject());

		Answer userInfo = api.send("GET", "/userinfo", tokens.accessToken(), null, null);
		assertThat(userInfo.status()).as("%s", userInfo).isEqualTo(200);
		assertThat(userInfo.json().get("sub").asString()).isEqualTo(tokens.subject());
		assertThat(introspect(tokens.accessToken()).get("active").asBoolean()).isTrue();
	}

	/** The running server's encoder, not only the class: on Linux x86-64 its signatures are AWS-LC's. */
	@ParameterizedTest
	@ValueSource(strings = { "RS256", "PS256", "ES256" })
	void whenTheServerRunsOnLinuxX8664ThenItsTokensAreSignedThroughAwsLc(String alg) throws Exception {
		assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
		assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
		JsonNode app = createApplication(alg, alg);
		Tokens tokens = signIn(app);
		relyingPartyValidates(app, alg, tokens.idToken());

		JWK activeKey = store.signingKey(SigningAlgorithm.valueOf(alg));
		java.security.Provider provider = ((ActiveKeyJwtEncoder) encoder).signerFor(activeKey).getJCAContext().getProvider();
		assertThat(provider).isNotNull();
		assertThat(provider.getName()).isEqualTo("AmazonCorrettoCryptoProvider");
	}

	@Test
	void whenIdAndAccessTokenAlgorithmsDifferThenEachTokenHasItsOwn() throws Exception {
		JsonNode app = createApplication("ES256", null);
		assertThat(app.get("accessTokenSignedResponseAlg").asString()).as("default").isEqualTo("RS256");

		Tokens tokens = signIn(app);

		assertThat(SignedJWT.parse(tokens.idToken()).getHeader().getKeyID()).isEqualTo(activeKid("ES256"));
		assertThat(SignedJWT.parse(tokens.accessToken()).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(SignedJWT.parse(tokens.accessToken()).getHeader().getKeyID()).isEqualTo(activeKid("RS256"));
		relyingPartyValidates(app, "ES256", tokens.idToken());
		resourceServerVerifies("RS256", tokens.accessToken());
	}

	@Test
	void whenDiscoveryIsReadThenBothDocumentsListEveryAlgorithmAndTheJwksHoldsAKeyOfEach() throws Exception {
		for (String document : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
			JsonNode metadata = api.send("GET", document, null, null, null).json();
			assertThat(Api.strings(metadata.get("id_token_signing_alg_values_supported"))).as(document)
				.containsExactlyInAnyOrderElementsOf(ALGORITHMS);
		}
		JWKSet jwks = jwks();
		for (String alg : ALGORITHMS) {
			JWK key = jwks.getKeyByKeyId(activeKid(alg));
			assertThat(key).as("ACTIVE %s key in the JWKS", alg).isNotNull();
			assertThat(key.getAlgorithm().getName()).isEqualTo(alg);
			assertThat(key.getKeyType()).isEqualTo(alg.equals("ES256") ? KeyType.EC : KeyType.RSA);
			assertThat(key.isPrivate()).isFalse();
		}
	}

	@Test
	void whenRotatedThenEachAlgorithmsNextKeyIsPublishedBeforeItSignsAndTokensOfRetiredKeysStillVerify()
			throws Exception {
		Map<String, JsonNode> apps = new HashMap<>();
		Map<String, Tokens> before = new HashMap<>();
		Map<String, String> oldKids = new HashMap<>();
		for (String alg : ALGORITHMS) {
			apps.put(alg, createApplication(alg, alg));
			before.put(alg, signIn(apps.get(alg)));
			oldKids.put(alg, activeKid(alg));
		}

		Answer rotated = api.send("POST", "/api/v1/signing-keys/rotate", api.token(), null, null);

		assertThat(rotated.status()).as("%s", rotated).isEqualTo(202);
		Map<String, String> newKids = new HashMap<>();
		for (JsonNode key : rotated.json()) {
			assertThat(key.get("status").asString()).isEqualTo("NEXT");
			newKids.put(key.get("algorithm").asString(), key.get("kid").asString());
		}
		assertThat(newKids).containsOnlyKeys(ALGORITHMS);
		JWKSet published = jwks();
		for (String alg : ALGORITHMS) {
			assertThat(published.getKeyByKeyId(newKids.get(alg))).as("NEXT %s key published at once", alg).isNotNull();
			assertThat(SignedJWT.parse(signIn(apps.get(alg)).idToken()).getHeader().getKeyID())
				.as("%s tokens right after the rotation", alg)
				.isEqualTo(oldKids.get(alg));
		}

		clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		store.refresh();

		for (String alg : ALGORITHMS) {
			Tokens after = signIn(apps.get(alg));
			assertThat(SignedJWT.parse(after.idToken()).getHeader().getKeyID()).as("%s after the delay", alg)
				.isEqualTo(newKids.get(alg));
			assertThat(SignedJWT.parse(after.accessToken()).getHeader().getKeyID()).isEqualTo(newKids.get(alg));
			assertThat(keyStatus(oldKids.get(alg))).isEqualTo("RETIRED");
			// The relying party verifies both generations with the JWKS it fetches now.
			relyingPartyValidates(apps.get(alg), alg, after.idToken());
			relyingPartyValidates(apps.get(alg), alg, before.get(alg).idToken());
			resourceServerVerifies(alg, before.get(alg).accessToken());
			// And the server still accepts the access token signed by the retired key.
			Answer userInfo = api.send("GET", "/userinfo", before.get(alg).accessToken(), null, null);
			assertThat(userInfo.status()).as("%s: %s", alg, userInfo).isEqualTo(200);
		}
	}

	@Test
	void whenOneAlgorithmIsRotatedThenOnlyItGetsANextKey() {
		Answer rotated = api.send("POST", "/api/v1/signing-keys/rotate?alg=ES256", api.token(), null, null);

		assertThat(rotated.status()).as("%s", rotated).isEqualTo(202);
		assertThat(rotated.json().size()).isEqualTo(1);
		assertThat(rotated.json().get(0).get("algorithm").asString()).isEqualTo("ES256");
		assertThat(jdbc.sql("SELECT algorithm FROM signing_key WHERE status = 'NEXT'").query(String.class).list())
			.containsExactly("ES256");

		Answer unknown = api.send("POST", "/api/v1/signing-keys/rotate?alg=HS256", api.token(), null, null);
		assertThat(unknown.status()).as("%s", unknown).isEqualTo(400);
		assertThat(unknown.errorFields()).contains("alg");
	}

	// ----- helpers -----

	JsonNode createApplication(String idTokenAlg, String accessTokenAlg) {
		String algorithms = (idTokenAlg == null ? "" : ",\"idTokenSignedResponseAlg\":\"" + idTokenAlg + "\"")
				+ (accessTokenAlg == null ? "" : ",\"accessTokenSignedResponseAlg\":\"" + accessTokenAlg + "\"");
		return new ManagementClient(api.base()).createApplication("{\"name\":\"Algorithm RP\",\"redirectUris\":[\""
				+ REDIRECT + "\"],\"scopes\":[\"openid\",\"profile\"],\"mfa\":{\"sms\":false}" + algorithms + "}");
	}

	/** A person signs in (password only) at the application; its tokens. */
	Tokens signIn(JsonNode app) {
		ManagementClient admin = new ManagementClient(api.base());
		String username = "alg-" + System.nanoTime();
		JsonNode user = admin.createUser(username, null, "algorithm-password-1");
		TestBrowser browser = new TestBrowser(api.base());
		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), REDIRECT);
		flow.authorize("openid profile", Map.of());
		TestBrowser.Page afterPassword = flow.signIn(username, "algorithm-password-1");
		String code = SignInFlow.codeIn(browser.next(afterPassword));
		assertThat(code).as("authorization code").isNotNull();
		JsonNode tokens = flow.exchange(code, app.get("clientSecret").asString());
		assertThat(tokens.get("_status").asInt()).as("%s", tokens).isEqualTo(200);
		return new Tokens(user.get("id").asString(), tokens.get("access_token").asString(),
				tokens.get("id_token").asString());
	}

	/** What a relying party does: the Nimbus SDK's validator with the JWKS from discovery, over HTTP. */
	IDTokenClaimsSet relyingPartyValidates(JsonNode app, String alg, String idToken) throws Exception {
		JsonNode discovery = api.send("GET", "/.well-known/openid-configuration", null, null, null).json();
		IDTokenValidator validator = new IDTokenValidator(new Issuer(discovery.get("issuer").asString()),
				new ClientID(app.get("clientId").asString()), JWSAlgorithm.parse(alg),
				new URL(discovery.get("jwks_uri").asString()));
		return validator.validate(SignedJWT.parse(idToken), new Nonce("nonce-456"));
	}

	/** What a resource server does: the JWKS fetched over HTTP, the one expected algorithm, at+jwt. */
	JWTClaimsSet resourceServerVerifies(String alg, String accessToken) throws Exception {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier((type, context) -> assertThat(type).isEqualTo(new JOSEObjectType("at+jwt")));
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(alg), new ImmutableJWKSet<>(jwks())));
		return processor.process(accessToken, null);
	}

	JWKSet jwks() throws Exception {
		return JWKSet.parse(api.send("GET", "/oauth2/jwks", null, null, null).body());
	}

	String activeKid(String alg) {
		return jdbc.sql("SELECT kid FROM signing_key WHERE status = 'ACTIVE' AND algorithm = :alg")
			.param("alg", alg)
			.query(String.class)
			.single();
	}

	String keyStatus(String kid) {
		return jdbc.sql("SELECT status FROM signing_key WHERE kid = :kid").param("kid", kid).query(String.class).single();
	}

	JsonNode introspect(String token) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(api.base() + "/oauth2/introspect"))
				.header("Authorization", ManagementClient.basic("management-cli", "management-secret"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Api.JSON.readTree(response.body());
	}

	void moveClockTo(Instant target) {
		Duration ahead = Duration.between(clock.instant(), target);
		if (!ahead.isNegative()) {
			clock.advance(ahead);
		}
	}

	record Tokens(String subject, String accessToken, String idToken) {
	}

}
