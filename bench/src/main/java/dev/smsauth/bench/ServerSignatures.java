package dev.smsauth.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What our server signs with, as its start-up log says ({@code key.SignatureProviders}: "Token
 * signatures: ... through Amazon Corretto Crypto Provider" or "Token signatures: the JDK"), so its
 * results are measured against the signatures it really computes.
 */
final class ServerSignatures {

	static final String AWS_LC_LINE = "through Amazon Corretto Crypto Provider";

	static final String JDK_LINE = "Token signatures: the JDK";

	private ServerSignatures() {
	}

	/** The floor for the server that wrote this log; the JDK's when it says neither (a jar from before). */
	static Floor floorOf(Path serverLog, Floor jdkFloor) {
		String log;
		try {
			log = Files.readString(serverLog);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (log.contains(AWS_LC_LINE) && !log.contains(JDK_LINE)) {
			return jdkFloor.signingThroughAwsLc();
		}
		return jdkFloor;
	}

}
