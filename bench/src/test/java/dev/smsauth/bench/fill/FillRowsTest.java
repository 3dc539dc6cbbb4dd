package dev.smsauth.bench.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The fill's row generators: unique, well-formed, and copies of the template where they should be. */
class FillRowsTest {

	@Test
	void whenSpecParsedThenCountsSharesAndDefaults() {
		FillSpec spec = FillSpec.parse("users=1_000_000, grants=5000000,challenges=2000000,expired=0.8");
		assertEquals(1_000_000, spec.users());
		assertEquals(5_000_000, spec.grants());
		assertEquals(0.8, spec.expiredShare());
		assertEquals(0.5, spec.serviceShare());
		assertEquals(4_000_000, spec.auditEvents());
		assertEquals(4, spec.loaders());
		assertEquals(1, FillSpec.parse("users=10,loaders=1").loaders());
		assertThrows(IllegalArgumentException.class, () -> FillSpec.parse("users=10,loaders=0"));
		assertThrows(IllegalArgumentException.class, () -> FillSpec.parse("users=10,sessions=5"));
		assertThrows(IllegalArgumentException.class, () -> FillSpec.parse("users=10,expired=1.5"));
	}

	@Test
	void whenSpacedIdsThenUuidShapedUniqueAndAscending() {
		SpacedIds ids = new SpacedIds(100_000, 1);
		String previous = "";
		Set<String> seen = new HashSet<>();
		for (long i = 0; i < 100_000; i++) {
			String id = ids.id(i);
			assertEquals(id, UUID.fromString(id).toString());
			assertEquals(4, UUID.fromString(id).version());
			assertTrue(id.compareTo(previous) > 0, id + " after " + previous);
			assertTrue(seen.add(id));
			previous = id;
		}
		// Spread over the whole key space, not bunched at its start.
		assertTrue(ids.id(99_999).startsWith("ff"), ids.id(99_999));
	}

	@Test
	void whenPeopleThenIdentifiersUniqueAndNormalised() {
		Set<String> usernames = new HashSet<>();
		Set<String> phones = new HashSet<>();
		Set<String> emails = new HashSet<>();
		for (long n = 0; n < 200_000; n++) {
			assertTrue(usernames.add(People.username(n)));
			assertTrue(emails.add(People.email(n)));
			String phone = People.phone(n);
			assertTrue(phones.add(phone), phone);
			assertTrue(phone.matches("\\+[1-9]\\d{9,14}"), phone); // E.164
			assertTrue(phone.startsWith("+" + People.callingCode(n)));
			assertEquals(People.username(n).toLowerCase(java.util.Locale.ROOT), People.username(n));
			assertTrue(People.username(n).length() <= 64);
		}
		assertFalse(phones.stream().anyMatch(p -> p.startsWith("+1415557")), "the benchmark's own users' numbers");
		assertEquals("Maria Garcia", People.displayName(0));
		assertTrue(People.masked(3).startsWith("+86 ••• ••• "));
	}

	@Test
	void whenGrantCopiedThenOwnIdUserTokensHashesAndTimes() {
		String user = "dd2081a7-3da4-4dee-a983-b36cf65c5d24";
		Instant issued = Instant.parse("2026-12-04T23:51:19Z");
		Map<String, Object> row = new LinkedHashMap<>();
		for (String column : GrantTemplate.COLUMNS) {
			row.put(column, null);
		}
		row.put("id", "7d331d82-7bbb-421a-b932-2ca7044d61f1");
		row.put("principal_name", user);
		row.put("authorization_grant_type", "authorization_code");
		row.put("attributes", "{\"principal\":{\"username\":\"" + user + "\"}}");
		row.put("access_token_value", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
		row.put("access_token_issued_at", Timestamp.from(issued));
		row.put("access_token_expires_at", Timestamp.from(issued.plusSeconds(600)));
		row.put("access_token_metadata", "{\"sub\":\"" + user + "\"}");
		row.put("refresh_token_value", "r".repeat(128));
		row.put("refresh_token_issued_at", Timestamp.from(issued));
		row.put("refresh_token_expires_at", Timestamp.from(issued.plus(Duration.ofDays(1))));
		GrantTemplate template = GrantTemplate.of(row, user);
		assertEquals(Duration.ofDays(1), template.lifetime());

		Instant copyIssued = issued.minus(Duration.ofDays(3));
		Object[] copy = template.copy("00000000-0000-4000-8000-000000000001", "other-user", copyIssued, new SplittableRandom(7));
		Map<String, Object> c = new LinkedHashMap<>();
		for (int i = 0; i < copy.length; i++) {
			c.put(GrantTemplate.COLUMNS.get(i), copy[i]);
		}
		assertEquals("00000000-0000-4000-8000-000000000001", c.get("id"));
		assertEquals("other-user", c.get("principal_name"));
		assertEquals("{\"principal\":{\"username\":\"other-user\"}}", c.get("attributes"));
		assertEquals("{\"sub\":\"other-user\"}", c.get("access_token_metadata"));
		String access = (String) c.get("access_token_value");
		assertEquals(row.get("access_token_value").toString().length(), access.length());
		assertEquals(2, access.chars().filter(ch -> ch == '.').count());
		assertFalse(access.equals(row.get("access_token_value")));
		assertEquals(GrantTemplate.sha256(access), c.get("access_token_hash"));
		assertEquals(GrantTemplate.sha256((String) c.get("refresh_token_value")), c.get("refresh_token_hash"));
		assertEquals(null, c.get("authorization_code_hash"));
		assertEquals(copyIssued, c.get("access_token_issued_at"));
		assertEquals(copyIssued.plusSeconds(600), c.get("access_token_expires_at"));
		assertEquals(copyIssued.plus(Duration.ofDays(1)), c.get("refresh_token_expires_at"));
		assertEquals(copyIssued.plus(Duration.ofDays(1)), c.get("purge_after"), "the latest expiry, as the server writes it");
		assertEquals("authorization_code", c.get("authorization_grant_type"));
	}

	@Test
	void whenKnownValueThenSha256HexAsTheServerStoresIt() {
		assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", GrantTemplate.sha256("abc"));
	}

}
