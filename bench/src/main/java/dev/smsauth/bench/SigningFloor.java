package dev.smsauth.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The signatures one token answer cannot avoid, read from the tokens the provider really issued
 * (the {@code alg} of each JOSE header), so each product is measured against its own: ours signs
 * the access and ID tokens and hands out an opaque refresh token; Keycloak also signs its refresh
 * token (HS512) and checks the MAC of the one presented.
 *
 * @param ms the signing floor of one operation in ms (NaN when a token uses an algorithm the floor
 * does not measure, or when the scenario has none)
 * @param tokens what it counts, e.g. "access RS256 + ID RS256 + refresh HS512 (signed, presented one verified)"
 */
record SigningFloor(double ms, String tokens) {

	static final SigningFloor NONE = new SigningFloor(Double.NaN, "");

	/** A client_credentials answer: its access token. */
	static SigningFloor clientCredentials(String accessToken, Floor floor) {
		String alg = alg(accessToken);
		return new SigningFloor(signMs(alg, floor), "access " + name(alg));
	}

	/**
	 * A refresh answer: new access, ID and refresh tokens, and the check of the refresh token that
	 * was presented (a MAC or signature to verify when it is a JWS, a lookup when it is opaque).
	 */
	static SigningFloor refresh(Tokens answer, Floor floor) {
		String access = alg(answer.accessToken());
		String id = alg(answer.idToken());
		String refresh = alg(answer.refreshToken());
		double ms = signMs(access, floor) + signMs(id, floor) + signMs(refresh, floor) + verifyMs(refresh, floor);
		String refreshText = refresh == null ? "refresh opaque" : "refresh " + refresh + " (signed, presented one verified)";
		return new SigningFloor(ms, "access " + name(access) + " + ID " + name(id) + " + " + refreshText);
	}

	/** The JWS algorithm of a compact JWT, or null for an opaque token (not three parts with a JSON header). */
	static String alg(String token) {
		if (token == null) {
			return null;
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return null;
		}
		try {
			return Json.string(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8), "alg");
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String name(String alg) {
		return alg == null ? "opaque" : alg;
	}

	private static double signMs(String alg, Floor floor) {
		if (alg == null) {
			return 0;
		}
		return switch (alg) {
			case "RS256" -> floor.rs256SignMs();
			case "ES256" -> floor.es256SignMs();
			case "HS512" -> floor.hmacSha512Ms();
			default -> Double.NaN;
		};
	}

	private static double verifyMs(String alg, Floor floor) {
		if (alg == null) {
			return 0;
		}
		return switch (alg) {
			case "RS256" -> floor.rs256VerifyMs();
			case "HS512" -> floor.hmacSha512Ms(); // a MAC is checked by computing it again
			default -> Double.NaN;
		};
	}

}
