package dev.smsauth.config;

/**
 * The header values {@link org.springframework.security.web.firewall.StrictHttpFirewall} accepts by
 * default, {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: every code point assigned in Unicode
 * and not a control character, tab excepted. Checked in one pass over the characters, printable
 * ASCII first; {@code HeaderValueCharactersTests} compares it with the firewall itself for every
 * code point.
 */
final class HeaderValueCharacters {

	private HeaderValueCharacters() {
	}

	static boolean allowed(String value) {
		for (int i = 0; i < value.length();) {
			char c = value.charAt(i);
			if (c >= ' ' && c <= '~') {
				i++;
				continue;
			}
			int codePoint = value.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && codePoint != '\t')) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
