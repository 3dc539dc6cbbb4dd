package dev.smsauth.bench;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScaleRunSettingsTest {

	@Test
	void cleanupVariantsKeepTheirOrderJarAndServerOptions() {
		ScaleRun.Settings settings = ScaleRun.Settings.take(new String[] { "--fill", "users=10,grants=10,challenges=10",
				"--cleanup-variant", "main=/tmp/main.jar", "--cleanup-variant",
				"slow=/tmp/new.jar --auth.cleanup.pause-factor=8  --auth.cleanup.batch-size=50", "--cleanup-variant",
				"same=--auth.cleanup.pause-factor=0", "--reps", "0", "--duration", "5" });

		assertEquals(List.of(new ScaleRun.CleanupVariant("main", Path.of("/tmp/main.jar"), List.of()),
				new ScaleRun.CleanupVariant("slow", Path.of("/tmp/new.jar"),
						List.of("--auth.cleanup.pause-factor=8", "--auth.cleanup.batch-size=50")),
				new ScaleRun.CleanupVariant("same", null, List.of("--auth.cleanup.pause-factor=0"))),
				settings.cleanupVariants());
		assertEquals(0, settings.reps());
		assertArrayEquals(new String[] { "--duration", "5" }, settings.rest());
	}

	@Test
	void aVariantWithoutALabelIsRefused() {
		assertThrows(Options.UsageException.class, () -> ScaleRun.CleanupVariant.parse("/tmp/main.jar"));
	}

}
