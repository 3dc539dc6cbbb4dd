package dev.smsauth.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.smsauth.api.DuplicateException;
import dev.smsauth.api.InvalidInputException;
import dev.smsauth.device.Devices;
import dev.smsauth.mfa.passkey.Passkeys;
import dev.smsauth.mfa.totp.AuthenticatorService;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserPatch;
import dev.smsauth.user.UserService;
import dev.smsauth.web.SeeOther;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages for the user pool: search and paging, create, edit, disable and enable, reset the
 * password, remove the phone number or the authenticator app (helpdesk reset), list and revoke
 * known devices, list and remove passkeys, delete. Every change goes through {@link UserService},
 * {@link AuthenticatorService}, {@link Devices} or {@link Passkeys}, as the API's.
 */
@Controller
@RequestMapping("/console/users")
class UsersConsoleController {

	private static final int PAGE_SIZE = 25;

	private final UserService users;

	private final AuthenticatorService authenticators;

	private final Devices devices;

	private final Passkeys passkeys;

	UsersConsoleController(UserService users, AuthenticatorService authenticators, Devices devices,
			Passkeys passkeys) {
		this.users = users;
		this.authenticators = authenticators;
		this.devices = devices;
		this.passkeys = passkeys;
	}

	@GetMapping
	String list(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "page", required = false) Integer page, Model model) {
		String query = q == null ? null : q.strip();
		if (query != null && query.length() > 100) {
			query = query.substring(0, 100);
		}
		Paging paging = Paging.of(page, PAGE_SIZE);
		List<UserAccount> found = users.search(query, paging.offset(), paging.fetch());
		model.addAttribute("users", found.stream().limit(PAGE_SIZE).toList());
		model.addAttribute("q", query);
		model.addAttribute("total", users.count(query));
		paging.describe(model, found.size());
		return "console/users/list";
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", UserForm.empty());
		return "console/users/new";
	}

	@PostMapping
	Object create(UserForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
		try {
			UserAccount created = users.create(form.toNewUser());
			flash.addFlashAttribute("notice", "User " + created.username() + " created.");
			return SeeOther.to("/console/users/" + created.id());
		}
		catch (InvalidInputException ex) {
			return rejected(form, FormErrors.byField(ex.errors()), "console/users/new", model, response);
		}
		catch (DuplicateException ex) {
			return rejected(form, FormErrors.duplicate(ex.field()), "console/users/new", model, response);
		}
	}

	@GetMapping("/{id}")
	String details(@PathVariable String id, Model model) {
		UserAccount user = users.get(id);
		model.addAttribute("user", user);
		model.addAttribute("authenticatorApp", authenticators.isSetUp(id));
		model.addAttribute("devices", devices.list(id));
		model.addAttribute("passkeys", passkeys.list(id));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", UserForm.of(user));
		}
		return "console/users/details";
	}

	@PostMapping("/{id}")
	Object update(@PathVariable String id, UserForm form, Authentication admin, Model model, RedirectAttributes flash,
			HttpServletResponse response) {
		if (isSelf(id, admin) && !Boolean.TRUE.equals(form.admin())) {
			flash.addFlashAttribute("problem", "You can not remove your own administrator role.");
			return SeeOther.to("/console/users/" + id);
		}
		try {
			users.update(id, form.toProfilePatch());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("user", users.get(id));
			return rejected(form, FormErrors.byField(ex.errors()), "console/users/details", model, response);
		}
		catch (DuplicateException ex) {
			model.addAttribute("user", users.get(id));
			return rejected(form, FormErrors.duplicate(ex.field()), "console/users/details", model, response);
		}
		flash.addFlashAttribute("notice", "Profile saved.");
		return SeeOther.to("/console/users/" + id);
	}

	@PostMapping("/{id}/disable")
	View disable(@PathVariable String id, Authentication admin, RedirectAttributes flash) {
		if (isSelf(id, admin)) {
			flash.addFlashAttribute("problem", "You can not disable your own account.");
			return SeeOther.to("/console/users/" + id);
		}
		users.update(id, patchEnabled(false));
		flash.addFlashAttribute("notice", "User disabled. They can no longer sign in.");
		return SeeOther.to("/console/users/" + id);
	}

	@PostMapping("/{id}/enable")
	View enable(@PathVariable String id, RedirectAttributes flash) {
		users.update(id, patchEnabled(true));
		flash.addFlashAttribute("notice", "User enabled.");
		return SeeOther.to("/console/users/" + id);
	}

	@PostMapping("/{id}/password")
	Object resetPassword(@PathVariable String id, @RequestParam(name = "newPassword", required = false) String password,
			Model model, RedirectAttributes flash, HttpServletResponse response) {
		try {
			users.update(id, new UserPatch(null, null, null, Optional.ofNullable(password), null, null));
		}
		catch (InvalidInputException ex) {
			UserAccount user = users.get(id);
			model.addAttribute("user", user);
			return rejected(UserForm.of(user), FormErrors.byField(ex.errors()), "console/users/details", model, response);
		}
		flash.addFlashAttribute("notice", "Password reset. Tell the user their new password through a safe channel.");
		return SeeOther.to("/console/users/" + id);
	}

	@GetMapping("/{id}/remove-phone")
	String confirmRemovePhone(@PathVariable String id, Model model) {
		UserAccount user = users.get(id);
		return Confirmation.page(model, "users", "Remove the phone number of " + user.username() + "?",
				"They can no longer sign in with it or receive SMS codes. Applications that require SMS will ask them to "
						+ "add and verify a number at their next sign-in.",
				"/console/users/" + id + "/remove-phone", "Remove phone number", "/console/users/" + id);
	}

	@PostMapping("/{id}/remove-phone")
	View removePhone(@PathVariable String id, RedirectAttributes flash) {
		users.update(id, new UserPatch(null, Optional.empty(), null, null, null, null));
		flash.addFlashAttribute("notice", "Phone number removed.");
		return SeeOther.to("/console/users/" + id);
	}

	@GetMapping("/{id}/remove-authenticator")
	String confirmRemoveAuthenticator(@PathVariable String id, Model model) {
		UserAccount user = users.get(id);
		return Confirmation.page(model, "users", "Remove the authenticator app of " + user.username() + "?",
				"Codes from their app stop working at once. Applications that require a verification code will use SMS "
						+ "(or ask for a phone number) until they set up an app again.",
				"/console/users/" + id + "/remove-authenticator", "Remove authenticator app", "/console/users/" + id);
	}

	@PostMapping("/{id}/remove-authenticator")
	View removeAuthenticator(@PathVariable String id, RedirectAttributes flash) {
		users.get(id); // 404 for an unknown user, as every other action
		authenticators.remove(id, "by an administrator");
		flash.addFlashAttribute("notice", "Authenticator app removed.");
		return SeeOther.to("/console/users/" + id);
	}

	/** Revoking only takes trust away: no confirmation page. An unknown device is the console's 404 page. */
	@PostMapping("/{id}/devices/{deviceId}/revoke")
	View revokeDevice(@PathVariable String id, @PathVariable String deviceId, RedirectAttributes flash) {
		users.get(id); // 404 for an unknown user, as every other action
		devices.revoke(id, deviceId, "by an administrator");
		flash.addFlashAttribute("notice", "Device revoked. It will be asked for a second factor again.");
		return SeeOther.to("/console/users/" + id);
	}

	/**
	 * As revoking a device, removing only takes a factor away: no confirmation page. An unknown
	 * passkey, or another user's, is the console's 404 page.
	 */
	@PostMapping("/{id}/passkeys/{passkeyId}/remove")
	View removePasskey(@PathVariable String id, @PathVariable String passkeyId, RedirectAttributes flash) {
		users.get(id);
		passkeys.removeOrNotFound(id, passkeyId, "by an administrator");
		flash.addFlashAttribute("notice", "Passkey removed.");
		return SeeOther.to("/console/users/" + id);
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(@PathVariable String id, Model model) {
		UserAccount user = users.get(id);
		return Confirmation.page(model, "users", "Delete " + user.username() + "?",
				"The account is removed and can no longer sign in. This can not be undone.",
				"/console/users/" + id + "/delete", "Delete user", "/console/users/" + id);
	}

	@PostMapping("/{id}/delete")
	View delete(@PathVariable String id, Authentication admin, RedirectAttributes flash) {
		if (isSelf(id, admin)) {
			flash.addFlashAttribute("problem", "You can not delete your own account.");
			return SeeOther.to("/console/users/" + id);
		}
		UserAccount user = users.get(id);
		users.delete(id);
		flash.addFlashAttribute("notice", "User " + user.username() + " deleted.");
		return SeeOther.to("/console/users");
	}

	private static UserPatch patchEnabled(boolean enabled) {
		return new UserPatch(null, null, null, null, null, Optional.of(enabled));
	}

	private static boolean isSelf(String id, Authentication admin) {
		return admin != null && id.equals(admin.getName());
	}

	private static String rejected(UserForm form, Map<String, String> errors, String view, Model model,
			HttpServletResponse response) {
		response.setStatus(400);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("problem", "Please correct the highlighted fields.");
		return view;
	}

}
