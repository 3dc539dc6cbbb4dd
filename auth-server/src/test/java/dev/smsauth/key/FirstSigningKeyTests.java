package dev.smsauth.key;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.smsauth.client.SigningAlgorithm;
import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first key of an algorithm that is not made at start: made once, when the algorithm first
 * signs, and never twice, however many nodes ask at the same moment. Two stores over the same
 * database stand for two nodes (each has its own lock, so only the database can keep them apart).
 */
@AuthServerTest
// Spelled out: a context (and database) of its own, since these tests add ES256 and PS256 keys.
@TestPropertySource(properties = "auth.keys.algorithms=RS256")
class FirstSigningKeyTests {

	@LocalServerPort
	int port;

	@Autowired
	SigningKeyRepository keys;

	@Autowired
	KeyEncryption encryption;

	@Autowired
	SigningKeyProperties properties;

	@Autowired
	KeyLifecycle lifecycle;

	@Autowired
	Clock clock;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenTwoNodesAskForTheFirstEs256KeyAtOnceThenExactlyOneActiveKeyIsMadeAndBothSignWithIt() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				jdbc.sql("DELETE FROM signing_key WHERE algorithm = 'ES256'").update();
				SigningKeyStore first = node();
				SigningKeyStore second = node();
				first.refresh();
				second.refresh();
				CountDownLatch start = new CountDownLatch(1);
				List<CompletableFuture<JWK>> racers = List.of(
						CompletableFuture.supplyAsync(() -> firstEs256Key(first, start), threads),
						CompletableFuture.supplyAsync(() -> firstEs256Key(second, start), threads));
				start.countDown();
				String one = racers.get(0).get(30, TimeUnit.SECONDS).getKeyID();
				String other = racers.get(1).get(30, TimeUnit.SECONDS).getKeyID();

				assertThat(activeKids("ES256")).as("round %d", round).containsExactly(one);
				assertThat(other).as("both nodes sign with the same key").isEqualTo(one);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void whenAnAlgorithmHasAnActiveKeyThenTheDatabaseRefusesASecondOne() {
		node().signingKey(SigningAlgorithm.PS256);

		assertThatThrownBy(() -> keys.insertActive("racer", "PS256", "v1:x:y", clock.instant()))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(activeKids("PS256")).hasSize(1);
	}

	@Test
	void whenAnApplicationFirstSignsWithAnAlgorithmNotMadeAtStartThenItsKeyIsMadeAndPublished() throws Exception {
		Api api = Api.management("http://localhost:" + port);
		jdbc.sql("DELETE FROM signing_key WHERE algorithm = 'ES256'").update();
		Answer created = api.post("/api/v1/applications", "{\"name\":\"ES256 machine\",\"grantTypes\":[\"client_credentials\"],"
				+ "\"scopes\":[\"reports\"],\"accessTokenSignedResponseAlg\":\"ES256\"}");
		assertThat(created.status()).as("%s", created).isEqualTo(201);
		assertThat(activeKids("ES256")).as("no key before anything is signed").isEmpty();
		JsonNode app = created.json();

		Answer token = Api.as(api.base(), app.get("clientId").asString(), app.get("clientSecret").asString())
			.clientCredentials(app.get("clientId").asString(), app.get("clientSecret").asString(), "reports");

		assertThat(token.status()).as("%s", token).isEqualTo(200);
		SignedJWT jwt = SignedJWT.parse(token.json().get("access_token").asString());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(activeKids("ES256")).containsExactly(jwt.getHeader().getKeyID());
		JWKSet jwks = JWKSet.parse(api.send("GET", "/oauth2/jwks", null, null, null).body());
		assertThat(jwks.getKeyByKeyId(jwt.getHeader().getKeyID())).as("published").isNotNull();
		Jwts.assertVerifies(jwks, token.json().get("access_token").asString());
	}

	@Test
	void whenAnotherNodeMadeTheFirstKeyOfAnAlgorithmThenThisNodeVerifiesItsTokensAtOnceAndMadeUpKidsDoNotRereadEveryTime() {
		jdbc.sql("DELETE FROM signing_key WHERE algorithm IN ('PS256', 'ES256')").update();
		SigningKeyStore signer = node();
		SigningKeyStore verifier = node();
		signer.refresh();
		verifier.refresh();
		DatabaseJwkSource verifierKeys = new DatabaseJwkSource(verifier);

		JWK made = signer.signingKey(SigningAlgorithm.PS256);

		// The verifier's snapshot is fresh (a minute by default) and predates the key.
		assertThat(verifier.verificationKeys()).extracting(JWK::getKeyID).doesNotContain(made.getKeyID());
		assertThat(select(verifierKeys, made.getKeyID())).extracting(JWK::getKeyID).containsExactly(made.getKeyID());

		// A made-up kid reads the table at most once per spacing: a key made right after is not seen yet.
		assertThat(select(verifierKeys, "made-up")).isEmpty();
		JWK later = signer.signingKey(SigningAlgorithm.ES256);
		assertThat(select(verifierKeys, later.getKeyID())).as("within the spacing of the previous re-read").isEmpty();
	}

	private static List<JWK> select(DatabaseJwkSource source, String kid) {
		return source.get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder().keyID(kid).build()), null);
	}

	SigningKeyStore node() {
		return new SigningKeyStore(keys, encryption, properties, lifecycle, clock, transactions);
	}

	static JWK firstEs256Key(SigningKeyStore node, CountDownLatch start) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return node.signingKey(SigningAlgorithm.ES256);
	}

	List<String> activeKids(String alg) {
		return jdbc.sql("SELECT kid FROM signing_key WHERE status = 'ACTIVE' AND algorithm = :alg")
			.param("alg", alg)
			.query(String.class)
			.list();
	}

}
