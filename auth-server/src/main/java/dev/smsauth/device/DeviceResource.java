package dev.smsauth.device;

import java.time.Instant;

/** A device in the management API: never the token or its hash. */
record DeviceResource(String id, String browser, String ip, boolean remembered, Instant createdAt, Instant lastUsedAt,
		Instant lastSecondFactorAt) {

	static DeviceResource of(Device device) {
		return new DeviceResource(device.id(), device.browser(), device.ip(), device.remembered(), device.createdAt(),
				device.lastUsedAt(), device.lastSecondFactorAt());
	}

}
