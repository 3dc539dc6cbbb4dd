package dev.smsauth.bench;

/**
 * client_credentials paced at half the rate the closed-loop run reached (the generator is given
 * the rate), for the latency target: p99 at most 50 ms there.
 */
final class HalfRateClientCredentialsScenario implements Scenario {

	private final ClientCredentialsScenario delegate;

	HalfRateClientCredentialsScenario(Provider provider) {
		this.delegate = new ClientCredentialsScenario(provider);
	}

	@Override
	public String name() {
		return "client_credentials_half_rate";
	}

	@Override
	public Operation worker(int index, Http http) {
		return delegate.worker(index, http);
	}

	@Override
	public double floorMs(Floor floor) {
		return delegate.floorMs(floor);
	}

	@Override
	public SigningFloor signingFloor(Floor floor) {
		return delegate.signingFloor(floor);
	}

	@Override
	public Target target(Floor floor) {
		return Target.p99Ms("p99 <= 50 ms at half the saturated rate", 50);
	}

}
