package dev.smsauth.demo.profile;

/**
 * The userinfo answer as the profile page shows it.
 *
 * @param source where it came from, in words
 * @param json the answer as JSON, {@code null} if there is none
 * @param problem why there is no answer, {@code null} if there is one
 */
public record UserInfoView(String source, String json, String problem) {

	static UserInfoView of(String source, String json) {
		return new UserInfoView(source, json, null);
	}

	static UserInfoView missing(String problem) {
		return new UserInfoView(null, null, problem);
	}

}
