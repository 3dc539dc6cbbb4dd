package dev.smsauth.console;

import org.springframework.ui.Model;

/** Offset paging for console lists; one more row than shown is fetched to know if a next page exists. */
record Paging(int page, int size) {

	static Paging of(Integer page, int size) {
		return new Paging(page == null || page < 0 ? 0 : Math.min(page, 10_000), size);
	}

	int offset() {
		return page * size;
	}

	int fetch() {
		return size + 1;
	}

	void describe(Model model, int fetched) {
		model.addAttribute("page", page);
		model.addAttribute("hasPrevious", page > 0);
		model.addAttribute("hasNext", fetched > size);
	}

}
