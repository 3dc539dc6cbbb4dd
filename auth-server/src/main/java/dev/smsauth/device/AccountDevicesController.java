package dev.smsauth.device;

import dev.smsauth.api.NotFoundException;
import dev.smsauth.web.SeeOther;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/devices}: the signed-in user's browsers, which one is this one, and revocation
 * (one, or every other). Revoking only takes trust away, so it needs no fresh sign-in; every form
 * carries the CSRF token and answers 303. The principal name is the account id.
 */
@Controller
@RequestMapping("/account/devices")
class AccountDevicesController {

	private final Devices devices;

	AccountDevicesController(Devices devices) {
		this.devices = devices;
	}

	@GetMapping
	String list(Authentication user, HttpServletRequest request, Model model) {
		model.addAttribute("devices", devices.listFor(request, user.getName()));
		return "account/devices";
	}

	@PostMapping("/{deviceId}/revoke")
	View revoke(@PathVariable String deviceId, Authentication user, RedirectAttributes flash) {
		try {
			devices.revoke(user.getName(), deviceId, "by the user");
			flash.addFlashAttribute("info", "account.devices.info.revoked");
		}
		catch (NotFoundException ex) {
			// Already revoked (another tab), or not this user's: the same answer, nothing revealed.
			flash.addFlashAttribute("error", "account.devices.error.not-found");
		}
		return SeeOther.to("/account/devices");
	}

	@PostMapping("/revoke-others")
	View revokeOthers(Authentication user, HttpServletRequest request, RedirectAttributes flash) {
		devices.revokeOthers(request, user.getName());
		flash.addFlashAttribute("info", "account.devices.info.others-revoked");
		return SeeOther.to("/account/devices");
	}

}
