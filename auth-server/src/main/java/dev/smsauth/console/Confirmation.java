package dev.smsauth.console;

import org.springframework.ui.Model;

/** The one confirmation page every destructive console action goes through. */
final class Confirmation {

	private Confirmation() {
	}

	static String page(Model model, String section, String title, String message, String action, String confirmLabel,
			String cancelUrl) {
		model.addAttribute("section", section);
		model.addAttribute("title", title);
		model.addAttribute("message", message);
		model.addAttribute("action", action);
		model.addAttribute("confirmLabel", confirmLabel);
		model.addAttribute("cancelUrl", cancelUrl);
		return "console/confirm";
	}

}
