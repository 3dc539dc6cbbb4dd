package dev.smsauth.notify;

import java.util.ArrayList;
import java.util.List;

import dev.smsauth.mfa.MfaTestBase;

/** What the notice tests share: the texts a number got and the audit rows of an account. */
abstract class NoticeTestBase extends MfaTestBase {

	static final String CHANGED = "Your phone number for SMS Auth was changed. If this wasn't you, contact your administrator.";

	static final String REMOVED = "Your phone number was removed from your SMS Auth account. If this wasn't you, contact your administrator.";

	static final String FAILURES = "Several wrong verification codes were entered for your SMS Auth account. If this wasn't you, change your password.";

	/** Every text the dev outbox holds for {@code phone}, newest first. */
	List<String> texts(String phone) {
		List<String> texts = new ArrayList<>();
		admin.outbox(phone).forEach(m -> texts.add(m.get("text").asString()));
		return texts;
	}

	/** The audit rows of an account as "EVENT|details", oldest first. */
	List<String> events(String userId) {
		return jdbc.sql("SELECT event, details FROM audit_event WHERE user_id = :user ORDER BY id")
			.param("user", userId)
			.query((rs, row) -> rs.getString(1) + "|" + rs.getString(2))
			.list();
	}

	/** The audit rows of one kind of an account, as "EVENT|details". */
	List<String> events(String userId, String type) {
		return events(userId).stream().filter(e -> e.startsWith(type + "|")).toList();
	}

	static String masked(String phone) {
		return "+1 ••• ••• " + phone.substring(phone.length() - 4);
	}

}
