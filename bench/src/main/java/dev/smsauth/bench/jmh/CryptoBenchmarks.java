package dev.smsauth.bench.jmh;

import java.util.concurrent.TimeUnit;

import dev.smsauth.bench.Primitives;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cryptographic floor of each flow, one thread, average time per call in microseconds.
 * Run (after ./mvnw -q -DskipTests package):
 * {@code java -cp 'bench/target/bench.jar:bench/target/lib/*' org.openjdk.jmh.Main -rf json -rff bench/target/jmh.json}
 * and give the benchmark program {@code --floor-from bench/target/jmh.json}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CryptoBenchmarks {

	private Primitives primitives;

	@Setup
	public void setUp() {
		primitives = new Primitives();
	}

	@Benchmark
	public String rs256Sign() {
		return primitives.rs256Sign();
	}

	@Benchmark
	public String es256Sign() {
		return primitives.es256Sign();
	}

	/** As auth-server signs on Linux x86-64 (AWS-LC); fails where AWS-LC does not load. */
	@Benchmark
	public String rs256SignAwsLc() {
		return primitives.rs256SignAwsLc();
	}

	@Benchmark
	public String es256SignAwsLc() {
		return primitives.es256SignAwsLc();
	}

	@Benchmark
	public boolean rs256Verify() {
		return primitives.rs256Verify();
	}

	@Benchmark
	public boolean argon2idVerify() {
		return primitives.argon2idVerify();
	}

	/** Keycloak 24+'s default password hash, for the side-by-side comparison's "beyond the hash". */
	@Benchmark
	public boolean keycloakArgon2idVerify() {
		return primitives.keycloakArgon2idVerify();
	}

	/** Keycloak's refresh-token MAC (HS512), for "refresh_token beyond the signatures". */
	@Benchmark
	public byte[] hmacSha512Jwt() {
		return primitives.hmacSha512Jwt();
	}

	/** The password hash of Keycloak realms from before version 24. */
	@Benchmark
	public boolean pbkdf2Sha512Verify() {
		return primitives.pbkdf2Sha512Verify();
	}

	@Benchmark
	public boolean bcrypt10Verify() {
		return primitives.bcrypt10Verify();
	}

	@Benchmark
	public boolean sha256SecretVerify() {
		return primitives.sha256SecretVerify();
	}

}
