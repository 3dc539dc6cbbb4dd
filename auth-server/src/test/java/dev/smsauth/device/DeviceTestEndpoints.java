package dev.smsauth.device;

import java.time.Duration;

import dev.smsauth.mfa.DeviceTrust;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only pages standing in for the factor pages (another branch calls {@link DeviceTrust} from
 * them): the signed-in user "proves a second factor" in this browser, or asks what the browser is
 * worth. Plain GETs so tests need no form; they are in the hosted-pages chain (signed in only).
 */
@RestController
class DeviceTestEndpoints {

	private final DeviceTrust trust;

	DeviceTestEndpoints(DeviceTrust trust) {
		this.trust = trust;
	}

	@GetMapping("/test/devices/proven")
	String proven(@RequestParam(name = "remember", defaultValue = "false") boolean remember, Authentication user,
			HttpServletRequest request, HttpServletResponse response) {
		trust.secondFactorProven(request, response, user.getName(), remember);
		return "proven";
	}

	@GetMapping("/test/devices/known")
	String known(Authentication user, HttpServletRequest request) {
		return String.valueOf(trust.isKnown(request, user.getName()));
	}

	@GetMapping("/test/devices/remembered")
	String remembered(@RequestParam("days") int days, Authentication user, HttpServletRequest request) {
		return String.valueOf(trust.isRemembered(request, user.getName(), Duration.ofDays(days)));
	}

}
