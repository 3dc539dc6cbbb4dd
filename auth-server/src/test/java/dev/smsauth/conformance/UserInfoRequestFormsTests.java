package dev.smsauth.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.Api;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Userinfo takes the access token in every form the OpenID Foundation's Basic OP plan sends
 * (OpenID Connect Core 5.3.1, RFC 6750 section 2): the Authorization header on GET and on POST, and
 * {@code access_token} in a form-encoded POST body.
 */
@AuthServerTest
class UserInfoRequestFormsTests extends MfaTestBase {

	private final HttpClient http = HttpClient.newHttpClient();

	private String accessToken(Person person) {
		App app = app(false);
		Visitor visitor = visitor(app);
		visitor.authorize();
		TestBrowser.Page signedIn = visitor.signIn(person.username(), person.password());
		return visitor.tokens(visitor.next(signedIn), app.secret()).get("access_token").asString();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void whenTheAccessTokenComesInTheHeaderByGetOrPostOrInAFormBodyThenTheSameClaims() throws Exception {
		Person person = person();
		String token = accessToken(person);
		URI userinfo = URI.create(base + "/userinfo");

		HttpResponse<String> get = send(HttpRequest.newBuilder(userinfo).header("Authorization", "Bearer " + token).GET());
		HttpResponse<String> postHeader = send(HttpRequest.newBuilder(userinfo)
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.noBody()));
		HttpResponse<String> postBody = send(HttpRequest.newBuilder(userinfo)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("access_token=" + token)));

		for (HttpResponse<String> answer : java.util.List.of(get, postHeader, postBody)) {
			assertThat(answer.statusCode()).as("%s %s", answer.request().method(), answer.body()).isEqualTo(200);
			JsonNode claims = Api.JSON.readTree(answer.body());
			assertThat(claims.get("sub").asString()).isEqualTo(person.id());
		}
	}

	@Test
	void whenTheFormBodyTokenIsWrongOrSentTwiceThenRefused() throws Exception {
		String token = accessToken(person());
		URI userinfo = URI.create(base + "/userinfo");

		HttpResponse<String> wrong = send(HttpRequest.newBuilder(userinfo)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("access_token=not-a-token-we-issued")));
		HttpResponse<String> twice = send(HttpRequest.newBuilder(userinfo)
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("access_token=" + token)));

		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_request");
	}

}
