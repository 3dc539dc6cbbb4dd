package dev.smsauth.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects the external-target options while {@link Options} parses, then checks them together. */
final class ExternalArgs {

	private static final Set<String> NAMES = Set.of("--issuer", "--server-pid", "--client-id", "--client-secret",
			"--client-scope", "--code-client-id", "--code-client-secret", "--redirect-uri", "--username", "--password", "--login",
			"--password-hash", "--scope", "--label");

	private final Map<String, String> values = new HashMap<>();

	boolean accepts(String option) {
		return NAMES.contains(option);
	}

	void put(String option, String value) {
		values.put(option, value);
	}

	/** The external target, or null when no --issuer was given (then none of its options may be). */
	External build(List<String> scenarios) {
		if (!values.containsKey("--issuer")) {
			if (!values.isEmpty()) {
				throw new Options.UsageException(values.keySet().iterator().next() + " needs --issuer (external target)");
			}
			return null;
		}
		long pid;
		try {
			pid = Long.parseLong(required("--server-pid"));
		}
		catch (NumberFormatException ex) {
			throw new Options.UsageException("--server-pid must be a process id");
		}
		Management.App service = null;
		if (scenarios.contains("client_credentials")) {
			service = new Management.App(required("--client-id"), required("--client-secret"));
		}
		Management.App code = null;
		boolean signsIn = scenarios.stream().anyMatch(s -> !s.equals("client_credentials"));
		if (signsIn) {
			code = new Management.App(required("--code-client-id"), required("--code-client-secret"));
			required("--redirect-uri");
			required("--username");
			required("--password");
		}
		String login = values.getOrDefault("--login", "keycloak");
		LoginAdapter.named(login); // refuses an unknown name now, not at the first sign-in
		PasswordHash hash = values.containsKey("--password-hash") ? PasswordHash.of(values.get("--password-hash"))
				: login.equals("smsauth") ? PasswordHash.ARGON2ID : PasswordHash.KEYCLOAK_ARGON2ID;
		String issuer = values.get("--issuer");
		return new External(issuer, pid, service, values.get("--client-scope"), code, values.get("--redirect-uri"),
				values.get("--username"), values.get("--password"), login, hash, values.getOrDefault("--scope", "openid profile"),
				values.getOrDefault("--label", issuer));
	}

	private String required(String option) {
		String value = values.get(option);
		if (value == null || value.isEmpty()) {
			throw new Options.UsageException(option + " is required for an external target");
		}
		return value;
	}

}
