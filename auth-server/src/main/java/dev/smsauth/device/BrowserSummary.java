package dev.smsauth.device;

/**
 * "Chrome on Windows" from a User-Agent header: a person recognises their device by it in the list
 * and in the new-device notice. Only names from the fixed lists below ever come out (no version,
 * nothing copied from the header), so the summary is short, has no digits that could pass for a
 * code in an SMS, and carries nothing a visitor typed. Order matters: Edge and Opera also say
 * "Chrome", Chrome also says "Safari", Android also says "Linux".
 */
final class BrowserSummary {

	/** Longer headers are not looked at beyond this; honest ones are a few hundred characters. */
	private static final int MAX_HEADER = 512;

	private BrowserSummary() {
	}

	static String of(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "Unknown browser";
		}
		String ua = userAgent.length() > MAX_HEADER ? userAgent.substring(0, MAX_HEADER) : userAgent;
		String system = system(ua);
		return system == null ? browser(ua) : browser(ua) + " on " + system;
	}

	private static String browser(String ua) {
		if (ua.contains("Edg/") || ua.contains("Edge/")) {
			return "Edge";
		}
		if (ua.contains("OPR/") || ua.contains("Opera")) {
			return "Opera";
		}
		if (ua.contains("Firefox/") || ua.contains("FxiOS/")) {
			return "Firefox";
		}
		if (ua.contains("Chrome/") || ua.contains("CriOS/") || ua.contains("Chromium/")) {
			return "Chrome";
		}
		if (ua.contains("Safari/")) {
			return "Safari";
		}
		return "Unknown browser";
	}

	private static String system(String ua) {
		if (ua.contains("Windows")) {
			return "Windows";
		}
		if (ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod")) {
			return "iOS";
		}
		if (ua.contains("Android")) {
			return "Android";
		}
		if (ua.contains("CrOS")) {
			return "ChromeOS";
		}
		if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
			return "macOS";
		}
		if (ua.contains("Linux")) {
			return "Linux";
		}
		return null;
	}

}
