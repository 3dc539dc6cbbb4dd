package dev.smsauth.config;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import org.springframework.security.crypto.password.AbstractValidatingPasswordEncoder;

/**
 * Argon2id for people's passwords, in the same encoded form as Spring Security's
 * {@code Argon2PasswordEncoder} ({@code $argon2id$v=19$m=16384,t=2,p=1$salt$hash}, unpadded Base64),
 * so every stored hash verifies with either, but with the hash's memory reused from one hash to the
 * next.
 *
 * <p>Why: Spring's encoder gives BouncyCastle no memory pool, so every hash allocates its 16 MiB as
 * 16,384 new 1 KiB blocks, each handed out and taken back through a synchronized list that is
 * thrown away with them. In the benchmark's password sign-in the pool's allocate and deallocate
 * were a tenth of the server's CPU samples, and the 16 MiB of garbage per hash about 40 % of the
 * bytes JFR sampled (docs/performance.md). Here a hash borrows a set of blocks, without locks,
 * from a small queue of idle sets and gives it back afterwards; BouncyCastle zeroes every block
 * before it returns it, so an idle set holds no password-derived bytes. At most {@code maxIdleSets}
 * sets are kept (16 MiB each at the default cost); a hash that finds none idle allocates its own, as
 * Spring's does, and never waits.
 *
 * <p>What is not ours: the Argon2 function itself (BouncyCastle's {@link Argon2BytesGenerator}) and
 * the cost parameters, which stay Spring Security 5.8's defaults (salt 16 bytes, hash 32 bytes,
 * parallelism 1, 16 MiB, 2 iterations) and which {@link #upgradeEncoding} compares against as Spring's does.
 */
final class ReusedMemoryArgon2PasswordEncoder extends AbstractValidatingPasswordEncoder {

	/** Spring Security 5.8's {@code Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()}. */
	static final int SALT_LENGTH = 16;

	static final int HASH_LENGTH = 32;

	static final int PARALLELISM = 1;

	static final int MEMORY_KB = 1 << 14;

	static final int ITERATIONS = 2;

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private final SecureRandom random = new SecureRandom();

	private final BlockingQueue<ReusedBlocks> idle;

	ReusedMemoryArgon2PasswordEncoder(int maxIdleSets) {
		this.idle = new ArrayBlockingQueue<>(Math.max(1, maxIdleSets));
	}

	/** As many idle sets as hashes can run at once on this machine's cores, at most four (64 MiB). */
	static ReusedMemoryArgon2PasswordEncoder forThisMachine() {
		return new ReusedMemoryArgon2PasswordEncoder(Math.min(4, Runtime.getRuntime().availableProcessors()));
	}

	@Override
	protected String encodeNonNullPassword(String rawPassword) {
		byte[] salt = new byte[SALT_LENGTH];
		random.nextBytes(salt);
		EncodedArgon2 encoded = new EncodedArgon2(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13,
				MEMORY_KB, ITERATIONS, PARALLELISM, salt, new byte[HASH_LENGTH]);
		byte[] hash = hash(rawPassword, encoded);
		return encoded.withHash(hash).toString();
	}

	@Override
	protected boolean matchesNonNull(String rawPassword, String encodedPassword) {
		EncodedArgon2 stored;
		try {
			stored = EncodedArgon2.parse(encodedPassword);
		}
		catch (IllegalArgumentException malformed) {
			return false; // as Spring's encoder: a stored value that is no Argon2 hash matches nothing
		}
		return MessageDigest.isEqual(stored.hash(), hash(rawPassword, stored));
	}

	@Override
	protected boolean upgradeEncodingNonNull(String encodedPassword) {
		EncodedArgon2 stored = EncodedArgon2.parse(encodedPassword);
		return stored.memoryKb() < MEMORY_KB || stored.iterations() < ITERATIONS;
	}

	/** Idle block sets kept for the next hashes (for tests). */
	int idleSets() {
		return idle.size();
	}

	private byte[] hash(String rawPassword, EncodedArgon2 parameters) {
		ReusedBlocks blocks = idle.poll();
		if (blocks == null) {
			blocks = new ReusedBlocks(Argon2BytesGenerator.getBlockCount(MEMORY_KB, PARALLELISM));
		}
		try {
			Argon2BytesGenerator generator = new Argon2BytesGenerator();
			generator.init(new Argon2Parameters.Builder(parameters.type())
				.withVersion(parameters.version())
				.withSalt(parameters.salt())
				.withMemoryAsKB(parameters.memoryKb())
				.withIterations(parameters.iterations())
				.withParallelism(parameters.parallelism())
				.withBlockPool(blocks)
				.build());
			byte[] hash = new byte[parameters.hash().length];
			// The password's chars, as Spring's encoder hands them over: BouncyCastle's own UTF-8
			// conversion then gives the same bytes for every password, odd ones included.
			generator.generateBytes(rawPassword.toCharArray(), hash);
			return hash;
		}
		finally {
			idle.offer(blocks); // dropped when enough sets are idle already
		}
	}

	/**
	 * One hash's memory: blocks handed out and taken back by that hash's thread alone, so no lock.
	 * BouncyCastle clears each block before it gives it back.
	 */
	static final class ReusedBlocks implements Argon2BytesGenerator.BlockPool {

		private final Argon2BytesGenerator.Block[] free;

		private int size;

		ReusedBlocks(int capacity) {
			this.free = new Argon2BytesGenerator.Block[capacity];
		}

		@Override
		public Argon2BytesGenerator.Block allocate() {
			return size > 0 ? free[--size] : new Argon2BytesGenerator.Block();
		}

		@Override
		public void deallocate(Argon2BytesGenerator.Block block) {
			if (size < free.length) {
				free[size++] = block;
			}
		}

		/** Blocks held for the next hash. */
		int held() {
			return size;
		}

	}

	/**
	 * The PHC string Spring's {@code Argon2EncodingUtils} writes and reads:
	 * {@code $argon2id$v=19$m=16384,t=2,p=1$<salt>$<hash>}, Base64 without padding, {@code v=} optional
	 * (then version 0x10), {@code argon2i} and {@code argon2d} read as well.
	 */
	record EncodedArgon2(int type, int version, int memoryKb, int iterations, int parallelism, byte[] salt,
			byte[] hash) {

		static EncodedArgon2 parse(String encoded) {
			String[] parts = encoded.split("\\$");
			if (parts.length < 4 || !parts[0].isEmpty()) {
				throw new IllegalArgumentException("Invalid encoded Argon2 hash");
			}
			int type = switch (parts[1]) {
				case "argon2d" -> Argon2Parameters.ARGON2_d;
				case "argon2i" -> Argon2Parameters.ARGON2_i;
				case "argon2id" -> Argon2Parameters.ARGON2_id;
				default -> throw new IllegalArgumentException("Invalid Argon2 type");
			};
			int next = 2;
			int version = Argon2Parameters.ARGON2_VERSION_10;
			if (parts[next].startsWith("v=")) {
				version = number(parts[next].substring(2), "version");
				next++;
			}
			if (parts.length != next + 3) {
				throw new IllegalArgumentException("Invalid encoded Argon2 hash");
			}
			String[] costs = parts[next].split(",");
			if (costs.length != 3 || !costs[0].startsWith("m=") || !costs[1].startsWith("t=") || !costs[2].startsWith("p=")) {
				throw new IllegalArgumentException("Invalid Argon2 parameters");
			}
			int memory = number(costs[0].substring(2), "memory");
			int iterations = number(costs[1].substring(2), "iterations");
			int parallelism = number(costs[2].substring(2), "parallelism");
			byte[] salt = Base64.getDecoder().decode(parts[next + 1]);
			byte[] hash = Base64.getDecoder().decode(parts[next + 2]);
			if (memory < 8 * parallelism || iterations < 1 || parallelism < 1 || salt.length < 8 || hash.length < 4) {
				// BouncyCastle's own minimums; a value below them is no hash we or Spring wrote.
				throw new IllegalArgumentException("Invalid Argon2 parameters");
			}
			return new EncodedArgon2(type, version, memory, iterations, parallelism, salt, hash);
		}

		private static int number(String text, String what) {
			try {
				return Integer.parseInt(text);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Invalid Argon2 " + what, ex);
			}
		}

		EncodedArgon2 withHash(byte[] newHash) {
			return new EncodedArgon2(type, version, memoryKb, iterations, parallelism, salt, newHash);
		}

		@Override
		public String toString() {
			String name = switch (type) {
				case Argon2Parameters.ARGON2_d -> "argon2d";
				case Argon2Parameters.ARGON2_i -> "argon2i";
				default -> "argon2id";
			};
			return "$" + name + "$v=" + version + "$m=" + memoryKb + ",t=" + iterations + ",p=" + parallelism + "$"
					+ BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
		}

	}

}
