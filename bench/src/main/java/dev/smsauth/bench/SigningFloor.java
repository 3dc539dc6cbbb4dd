package dev.smsauth.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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

	/** A client_credentials answer: its access token, and an ID or refresh token where the provider adds one. */
	static SigningFloor clientCredentials(Tokens answer, Floor floor) {
		return issued(answer, floor, false);
	}

	/**
	 * A refresh answer: new access, ID and refresh tokens, and the check of the refresh token that
	 * was presented (a MAC or signature to verify when it is a JWS, a lookup when it is opaque).
	 */
	static SigningFloor refresh(Tokens answer, Floor floor) {
		return issued(answer, floor, true);
	}

	private static SigningFloor issued(Tokens answer, Floor floor, boolean refreshTokenPresented) {
		double ms = 0;
		List<String> tokens = new ArrayList<>();
		String[][] named = { { "access", answer.accessToken() }, { "ID", answer.idToken() }, { "refresh", answer.refreshToken() } };
		for (String[] token : named) {
			if (token[1] == null) {
				continue; // not in this answer
			}
			String alg = alg(token[1]);
			ms += signMs(alg, floor);
			String text = token[0] + " " + (alg == null ? "opaque" : alg);
			if (token[0].equals("refresh") && refreshTokenPresented) {
				ms += verifyMs(alg, floor);
				text += alg == null ? "" : " (signed, presented one verified)";
			}
			tokens.add(text);
		}
		return new SigningFloor(ms, String.join(" + ", tokens));
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
