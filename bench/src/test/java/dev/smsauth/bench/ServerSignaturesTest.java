package dev.smsauth.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our server is measured against the signatures its start-up log says it computes. */
class ServerSignaturesTest {

	private static final Floor JDK = new Floor(1.0, 0.25, 0.05, 30, 50, 0.0002, 160, 25, 0.003, 0.3, 0.04, "made up");

	@TempDir
	Path dir;

	@Test
	void whenTheServerSignsThroughAwsLcThenItsFloorHasAwsLcSignatures() throws Exception {
		Floor floor = ServerSignatures.floorOf(log("... INFO dev.smsauth.key.SignatureProviders : Token signatures: "
				+ "AWS-LC v1.47.0 through Amazon Corretto Crypto Provider 2.5.0\n"), JDK);

		assertEquals(0.3, floor.rs256SignMs(), 1e-9);
		assertEquals(0.04, floor.es256SignMs(), 1e-9);
		assertEquals(2 * 0.3 + 0.0002, floor.refresh(), 1e-9);
		assertEquals(30, floor.argon2idMs(), 1e-9);
		assertTrue(floor.source().endsWith("signatures through AWS-LC"));
	}

	@Test
	void whenTheServerSignsThroughTheJdkOrDoesNotSayThenItsFloorIsTheJdks() throws Exception {
		assertEquals(1.0, ServerSignatures.floorOf(log("WARN ... Token signatures: the JDK, because AWS-LC could not be "
				+ "loaded (x)\n"), JDK).rs256SignMs(), 1e-9);
		assertEquals(1.0, ServerSignatures.floorOf(log("a jar from before: no such line\n"), JDK).rs256SignMs(), 1e-9);
	}

	private Path log(String text) throws Exception {
		return Files.writeString(Files.createTempFile(dir, "server", ".log"), text);
	}

}
