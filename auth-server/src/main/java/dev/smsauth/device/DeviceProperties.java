package dev.smsauth.device;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The device cookie and how long device rows are kept ({@code auth.devices.*}).
 *
 * @param secureCookie send the cookie only over HTTPS (and name it with the {@code __Host-} prefix);
 * application.yml ties it to the session cookie's {@code secure} flag, so it is on in every
 * profile but the embedded default
 * @param cookieMaxAge how long the browser keeps the cookie
 * @param unusedRetention a device not used for this long is forgotten by the clean-up job; longer
 * than the cookie lives, so a row outlives its cookie rather than the other way round
 */
@ConfigurationProperties("auth.devices")
public record DeviceProperties(@DefaultValue("false") boolean secureCookie, @DefaultValue("365d") Duration cookieMaxAge,
		@DefaultValue("400d") Duration unusedRetention) {

	public DeviceProperties {
		if (cookieMaxAge.isNegative() || cookieMaxAge.isZero()) {
			throw new IllegalArgumentException("auth.devices.cookie-max-age must be more than 0");
		}
		if (unusedRetention.compareTo(cookieMaxAge) < 0) {
			throw new IllegalArgumentException("auth.devices.unused-retention must be at least auth.devices.cookie-max-age");
		}
	}

}
