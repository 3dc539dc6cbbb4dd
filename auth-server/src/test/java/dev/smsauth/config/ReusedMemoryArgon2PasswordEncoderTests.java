package dev.smsauth.config;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder that reuses Argon2's memory must be Spring Security's Argon2id in everything a stored
 * hash can tell: each verifies the other's hashes, the costs and the encoded form are Spring 5.8's,
 * and the memory it keeps holds nothing of a password.
 */
class ReusedMemoryArgon2PasswordEncoderTests {

	private final ReusedMemoryArgon2PasswordEncoder ours = new ReusedMemoryArgon2PasswordEncoder(2);

	private final Argon2PasswordEncoder spring58 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	@Test
	void whenSpringHashedAPasswordThenOursVerifiesItAndRefusesAnother() {
		String stored = spring58.encode("correct horse battery staple");

		assertThat(ours.matches("correct horse battery staple", stored)).isTrue();
		assertThat(ours.matches("correct horse battery stapler", stored)).isFalse();
		assertThat(ours.upgradeEncoding(stored)).isFalse();
	}

	@Test
	void whenOursHashedAPasswordThenSpringVerifiesItAndTheFormIsSpring58s() {
		String stored = ours.encode("correct horse battery staple");

		assertThat(spring58.matches("correct horse battery staple", stored)).isTrue();
		assertThat(spring58.matches("Correct horse battery staple", stored)).isFalse();
		assertThat(spring58.upgradeEncoding(stored)).isFalse();
		String[] parts = stored.split("\\$");
		assertThat(parts).hasSize(6);
		assertThat(parts[1]).isEqualTo("argon2id");
		assertThat(parts[2]).isEqualTo("v=19");
		assertThat(parts[3]).isEqualTo("m=16384,t=2,p=1");
		assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
		assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
		assertThat(stored).doesNotContain("=$").doesNotEndWith("=");
	}

	@Test
	void whenTheSamePasswordIsHashedTwiceThenTheSaltsDiffer() {
		assertThat(ours.encode("same")).isNotEqualTo(ours.encode("same"));
	}

	@Test
	void whenAHashHasSpring52sWeakerCostsThenItStillVerifiesAndAsksForAnUpgrade() {
		String stored = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_2().encode("old password");

		assertThat(stored).contains("$m=4096,t=3,p=1$");
		assertThat(ours.matches("old password", stored)).isTrue();
		assertThat(ours.matches("old passwort", stored)).isFalse();
		assertThat(ours.upgradeEncoding(stored)).isTrue();
	}

	@Test
	void whenTheStoredValueIsNoArgon2HashThenNothingMatchesAndNothingIsThrown() {
		String good = ours.encode("pw");
		List<String> malformed = List.of("", "$", "argon2id", "$argon2x$v=19$m=16384,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA",
				"$argon2id$v=19$m=16384,t=2$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAA", "$argon2id$v=19$m=x,t=2,p=1$AAAAAAAAAAAA$AAAAAAAA",
				"$argon2id$v=19$m=16384,t=0,p=1$AAAAAAAAAAAA$AAAAAAAA", "$argon2id$v=19$m=16384,t=2,p=1$!!!$AAAAAAAA",
				"$argon2id$v=19$m=16384,t=2,p=1$AAAAAAAAAAAA", good + "$extra", "{bcrypt}$2a$10$abc");
		for (String stored : malformed) {
			assertThat(ours.matches("pw", stored)).as(stored).isFalse();
		}
		assertThat(ours.matches("pw", good)).isTrue();
	}

	@Test
	void whenManyHashesRunAtOnceThenEachIsRightAndNoMoreSetsThanAllowedAreKept() throws Exception {
		String stored = spring58.encode("parallel");
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				String password = i % 2 == 0 ? "parallel" : "parallel-" + i;
				results.add(pool.submit((Callable<Boolean>) () -> ours.matches(password, stored)));
			}
			for (int i = 0; i < results.size(); i++) {
				assertThat(results.get(i).get()).as("hash %d", i).isEqualTo(i % 2 == 0);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(ours.idleSets()).isBetween(1, 2);
	}

	@Test
	void whenAHashHasGivenItsBlocksBackThenEveryBlockIsZero() throws Exception {
		ReusedMemoryArgon2PasswordEncoder.ReusedBlocks blocks = new ReusedMemoryArgon2PasswordEncoder.ReusedBlocks(
				Argon2BytesGenerator.getBlockCount(ReusedMemoryArgon2PasswordEncoder.MEMORY_KB, 1));
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(new byte[16])
			.withMemoryAsKB(ReusedMemoryArgon2PasswordEncoder.MEMORY_KB)
			.withIterations(2)
			.withBlockPool(blocks)
			.build());
		generator.generateBytes("secret".toCharArray(), new byte[32]);

		int capacity = Argon2BytesGenerator.getBlockCount(ReusedMemoryArgon2PasswordEncoder.MEMORY_KB, 1);
		assertThat(blocks.held()).as("every block came back for the next hash").isEqualTo(capacity);
		Field words = Argon2BytesGenerator.Block.class.getDeclaredField("v");
		words.setAccessible(true);
		for (int i = 0; i < capacity; i++) {
			for (long word : (long[]) words.get(blocks.allocate())) {
				assertThat(word).isZero();
			}
		}
		assertThat(blocks.held()).isZero();
	}

	@Test
	void whenThePasswordIsEmptyThenNeitherMatches() {
		// Both encoders share Spring's AbstractValidatingPasswordEncoder, which matches no empty password.
		assertThat(ours.matches("", ours.encode(""))).isFalse();
		assertThat(spring58.matches("", ours.encode(""))).isFalse();
	}

	@Property(tries = 8)
	void anyPasswordHashedByEitherVerifiesWithTheOther(@ForAll @StringLength(min = 1, max = 40) String password) {
		assertThat(spring58.matches(password, ours.encode(password))).isTrue();
		assertThat(ours.matches(password, spring58.encode(password))).isTrue();
		assertThat(ours.matches(password + "x", spring58.encode(password))).isFalse();
	}

}
