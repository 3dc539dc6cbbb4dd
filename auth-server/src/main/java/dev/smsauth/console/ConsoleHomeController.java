package dev.smsauth.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class ConsoleHomeController {

	@GetMapping({ "/console", "/console/" })
	String home() {
		return "redirect:/console/applications";
	}

}
