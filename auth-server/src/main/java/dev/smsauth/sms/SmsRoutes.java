package dev.smsauth.sms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.smsauth.user.CallingCodes;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Which providers a message to a number is offered to, in order (../shared/CONTRACT.md "SMS
 * routes"): {@code auth.sms.routes.<calling code>} for that country, else
 * {@code auth.sms.routes.default}, else the single {@code auth.sms.provider} (the older setting,
 * {@code outbox} unless set). Values are comma-separated provider names.
 *
 * <p>Checked once at start: an unknown provider, an empty route, a name twice in one route or a key
 * that is neither {@code default} nor a calling code stops the server with a message naming it.
 */
public final class SmsRoutes {

	/** The providers this server can talk to. */
	public static final Set<String> KNOWN_PROVIDERS = Set.of("outbox", "vonage", "twilio");

	static final String DEFAULT = "default";

	private static final Pattern CALLING_CODE = Pattern.compile("[1-9][0-9]{0,2}");

	private final List<String> defaultRoute;

	private final Map<String, List<String>> byCallingCode;

	private SmsRoutes(List<String> defaultRoute, Map<String, List<String>> byCallingCode) {
		this.defaultRoute = defaultRoute;
		this.byCallingCode = byCallingCode;
	}

	/**
	 * @param provider {@code auth.sms.provider}, the default route when {@code routes} has none
	 * @param routes {@code auth.sms.routes.*}, values as bound (lists of names)
	 * @throws IllegalStateException naming every setting that is wrong
	 */
	public static SmsRoutes of(String provider, Map<String, List<String>> routes) {
		List<String> problems = new ArrayList<>();
		Map<String, List<String>> byCode = new TreeMap<>();
		List<String> defaultRoute = null;
		for (Map.Entry<String, List<String>> entry : routes.entrySet()) {
			String key = entry.getKey().strip();
			key = key.startsWith("+") ? key.substring(1) : key;
			List<String> route = route("auth.sms.routes." + entry.getKey(), entry.getValue(), problems);
			if (DEFAULT.equals(key)) {
				defaultRoute = route;
			}
			else if (CALLING_CODE.matcher(key).matches()) {
				byCode.put(key, route);
			}
			else {
				problems.add("auth.sms.routes." + entry.getKey() + ": the key must be 'default' or a calling code such as 86");
			}
		}
		if (defaultRoute == null) {
			defaultRoute = route("auth.sms.provider", List.of(provider == null ? "outbox" : provider), problems);
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("SMS routes are not usable: " + String.join("; ", problems));
		}
		return new SmsRoutes(defaultRoute, Map.copyOf(byCode));
	}

	/** Reads the routes from the environment, e.g. for a condition or a check before the context exists. */
	public static SmsRoutes bind(Binder binder) {
		String provider = binder.bind("auth.sms.provider", String.class).orElse("outbox");
		Map<String, List<String>> routes = binder
			.bind("auth.sms.routes", Bindable.mapOf(String.class, String.class))
			.map(SmsRoutes::split)
			.orElse(Map.of());
		return of(provider, routes);
	}

	private static Map<String, List<String>> split(Map<String, String> raw) {
		Map<String, List<String>> split = new TreeMap<>();
		raw.forEach((key, value) -> split.put(key, List.of(value.split(","))));
		return split;
	}

	private static List<String> route(String setting, List<String> names, List<String> problems) {
		Set<String> route = new LinkedHashSet<>();
		for (String raw : names == null ? List.<String>of() : names) {
			String name = raw.strip().toLowerCase(Locale.ROOT);
			if (name.isEmpty()) {
				continue;
			}
			if (!KNOWN_PROVIDERS.contains(name)) {
				problems.add(setting + ": unknown provider '" + name + "' (known: outbox, twilio, vonage)");
			}
			else if (!route.add(name)) {
				problems.add(setting + ": '" + name + "' is named twice");
			}
		}
		if (route.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(setting + ":"))) {
			problems.add(setting + ": names no provider");
		}
		return List.copyOf(route);
	}

	/** The providers for this E.164 number, first choice first. */
	public List<String> routeFor(String e164) {
		return byCallingCode.getOrDefault(CallingCodes.callingCodeOf(e164), defaultRoute);
	}

	public List<String> defaultRoute() {
		return defaultRoute;
	}

	/** Every provider named in any route: the ones that must be configured. */
	public Set<String> providers() {
		Set<String> all = new LinkedHashSet<>(defaultRoute);
		byCallingCode.values().forEach(all::addAll);
		return Set.copyOf(all);
	}

	/** True when every route is the dev outbox alone: nothing leaves the machine. */
	public boolean outboxOnly() {
		return providers().equals(Set.of("outbox"));
	}

	/** For logs: {@code default=[vonage, twilio], 86=[twilio]}. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("default=").append(defaultRoute);
		byCallingCode.forEach((code, route) -> text.append(", ").append(code).append('=').append(route));
		return text.toString();
	}

}
