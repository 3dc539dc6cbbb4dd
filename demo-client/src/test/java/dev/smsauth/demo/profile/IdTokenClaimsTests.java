package dev.smsauth.demo.profile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdTokenClaimsTests {

	@Test
	void whenRenderedThenDemoClaimsComeFirstAndOthersAlphabetically() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("zoneinfo", "Europe/Paris");
		claims.put("email", "ada@example.test");
		claims.put("sub", "user-42");
		claims.put("aud", List.of("demo-client"));

		List<String> names = IdTokenClaims.rows(claims).stream().map(ClaimRow::name).toList();

		assertThat(names).containsExactly("sub", "amr", "acr", "auth_time", "name", "phone_number", "email", "aud",
				"zoneinfo");
	}

	@Test
	void whenDemoClaimMissingThenRowSaysSo() {
		ClaimRow acr = row(IdTokenClaims.rows(Map.of("sub", "user-42")), "acr");

		assertThat(acr.present()).isFalse();
		assertThat(acr.note()).isEqualTo("not in the ID token");
	}

	@Test
	void whenTimeClaimThenShowsEpochSecondsAndReadableUtc() {
		List<ClaimRow> rows = IdTokenClaims
			.rows(Map.of("auth_time", Instant.ofEpochSecond(1_700_000_000L), "iat", 1_700_000_060L));

		assertThat(row(rows, "auth_time")).isEqualTo(new ClaimRow("auth_time", "1700000000", "2023-11-14 22:13:20 UTC"));
		assertThat(row(rows, "iat").note()).isEqualTo("2023-11-14 22:14:20 UTC");
	}

	@Test
	void whenListClaimThenValuesAreListedInOrder() {
		ClaimRow amr = row(IdTokenClaims.rows(Map.of("amr", List.of("pwd", "sms", "mfa"))), "amr");

		assertThat(amr.value()).isEqualTo("[pwd, sms, mfa]");
		assertThat(amr.note()).isNull();
	}

	private static ClaimRow row(List<ClaimRow> rows, String name) {
		return rows.stream().filter((row) -> row.name().equals(name)).findFirst().orElseThrow();
	}

}
