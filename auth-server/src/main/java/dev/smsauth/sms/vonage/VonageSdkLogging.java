package dev.smsauth.sms.vonage;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Silences the Vonage SDK's java.util.logging loggers. They log request headers (the Basic
 * credentials) and response bodies at FINE, a non-2xx response body at WARNING, and with signed
 * requests every parameter, the SMS text included, at INFO. {@link VonageSmsSender} logs each outcome
 * itself without the text, so nothing is lost.
 *
 * <p>A filter that drops every record is set besides the level, because a level can be turned back
 * up at runtime (Boot propagates {@code logging.level.*} and actuator changes to JUL loggers), a
 * filter cannot.
 */
final class VonageSdkLogging {

	private static final String SDK_PREFIX = "com.vonage";

	// Created before the SDK loads this class, so that it is silenced too.
	private static final String REQUEST_SIGNING = "com.vonage.client.auth.RequestSigning";

	// JUL's LogManager holds loggers weakly: without these references a silenced logger could be
	// collected and re-created later with no level and no filter.
	private static final Set<Logger> SILENCED = ConcurrentHashMap.newKeySet();

	private VonageSdkLogging() {
	}

	/**
	 * Silences every SDK logger that exists now. Call it after building the VonageClient: the client
	 * creates its endpoints, and with them their loggers, when it is built.
	 */
	static void silence() {
		silence(Logger.getLogger(SDK_PREFIX));
		silence(Logger.getLogger(REQUEST_SIGNING));
		for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
			if (name.startsWith(SDK_PREFIX + ".")) {
				silence(Logger.getLogger(name));
			}
		}
	}

	private static void silence(Logger logger) {
		logger.setLevel(Level.OFF);
		logger.setFilter(record -> false);
		SILENCED.add(logger);
	}

}
