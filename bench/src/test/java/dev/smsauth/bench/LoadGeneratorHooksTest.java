package dev.smsauth.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hooks around a scenario's run come in the order JfrWindow relies on: the warm-up's before any
 * operation (its recording turns JFR's events on while the warm-up can still absorb the
 * compilation that costs), then the window's start after the warm-up, then its end.
 */
class LoadGeneratorHooksTest {

	@Test
	void theWarmUpHookComesBeforeTheFirstOperationAndTheWindowHooksAfterTheWarmUp() throws Exception {
		List<String> events = Collections.synchronizedList(new ArrayList<>());
		Scenario scenario = new Scenario() {

			@Override
			public String name() {
				return "hooks";
			}

			@Override
			public Operation worker(int index, Http http) {
				return () -> {
					events.add("operation");
					sleep(2);
				};
			}

			@Override
			public double floorMs(Floor floor) {
				return Double.NaN;
			}

			@Override
			public Target target(Floor floor) {
				return Target.NONE;
			}
		};
		LoadGenerator.WindowListener listener = new LoadGenerator.WindowListener() {

			@Override
			public void warmUpStarts() {
				events.add("warm-up starts");
			}

			@Override
			public void windowStarts() {
				events.add("window starts");
			}

			@Override
			public void windowEnds() {
				events.add("window ends");
			}
		};

		ScenarioResult result = new LoadGenerator(2, Duration.ofMillis(300), Duration.ofMillis(300)).run(scenario,
				"http://127.0.0.1:9", () -> 0L, () -> -1L, Map::of, () -> ServerCrypto.NONE, null, listener);

		List<String> seen = List.copyOf(events);
		assertEquals("warm-up starts", seen.get(0), seen.toString());
		assertTrue(seen.indexOf("window starts") > seen.indexOf("operation"), "operations ran before the window");
		assertEquals(List.of("warm-up starts", "window starts", "window ends"),
				seen.stream().filter(event -> !event.equals("operation")).toList());
		assertTrue(result.ops() > 0, "operations counted in the window");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
