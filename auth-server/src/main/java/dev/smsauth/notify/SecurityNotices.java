package dev.smsauth.notify;

import java.util.List;
import java.util.Optional;

import dev.smsauth.device.NewDeviceSignIn;

import dev.smsauth.mfa.recovery.RecoveryCodeUsed;
import dev.smsauth.mfa.sms.RepeatedCodeFailures;
import dev.smsauth.user.PhoneNumberChanged;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides which security notice an event calls for and to which number (../shared/SECURITY.md
 * SMS 11 and 14):
 * <ul>
 * <li>a phone number changed or removed, by an administrator or by the holder: the OLD number is
 * told (the new one is proven by a code, or at the next sign-in for an administrator's number);</li>
 * <li>wrong codes pile up: the account's number is told, at most once per account per rolling hour
 * across nodes. During enrollment the account has no number yet, so nobody is told.</li>
 * <li>a second factor proven in a browser new to the account, which has other known devices
 * already: the account's number is told, within the same budgets (per number and global).</li>
 * <li>a recovery code used as the second factor: the account's number is told, within the same
 * budgets (if it was not the holder, someone has the password and a code).</li>
 * </ul>
 * Listeners run after the change committed ({@code AFTER_COMMIT}; a rolled-back change sends
 * nothing) or at once when there was no transaction (the SMS step's counters commit per
 * statement). Their own writes (budgets, audit, outbox) need a transaction of their own: after a
 * commit the old one is finished but still bound to the thread. Nothing here ever throws into
 * the caller.
 */
@Component
@EnableConfigurationProperties(NoticeProperties.class)
class SecurityNotices {

	private static final Logger log = LoggerFactory.getLogger(SecurityNotices.class);

	private final NoticeSender sender;

	private final NoticeBudget budget;

	private final NoticeProperties properties;

	private final UserService users;

	private final TransactionTemplate newTransaction;

	SecurityNotices(NoticeSender sender, NoticeBudget budget, NoticeProperties properties, UserService users,
			PlatformTransactionManager transactions) {
		this.sender = sender;
		this.budget = budget;
		this.properties = properties;
		this.users = users;
		this.newTransaction = new TransactionTemplate(transactions);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@TransactionalEventListener(fallbackExecution = true)
	void phoneNumberChanged(PhoneNumberChanged event) {
		if (event.oldNumber() == null || !properties.phoneNumberChanged()) {
			return;
		}
		NoticeKind kind = event.newNumber() == null ? NoticeKind.PHONE_NUMBER_REMOVED : NoticeKind.PHONE_NUMBER_CHANGED;
		String by = event.by() == PhoneNumberChanged.ChangedBy.ADMINISTRATOR ? "by an administrator" : "by the holder";
		safely(kind, () -> sender.deliver(kind, event.userId(), event.oldNumber(), by));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void repeatedCodeFailures(RepeatedCodeFailures event) {
		if (!properties.repeatedCodeFailures()) {
			return;
		}
		safely(NoticeKind.REPEATED_CODE_FAILURES, () -> {
			Optional<String> number = users.find(event.userId()).map(UserAccount::phoneNumber);
			// The claim comes first, so racing nodes agree on the one notice of the hour.
			if (number.isPresent() && budget.firstFailureNoticeThisHour(event.userId())) {
				sender.deliver(NoticeKind.REPEATED_CODE_FAILURES, event.userId(), number.get(), event.reason());
			}
		});
	}

	@TransactionalEventListener(fallbackExecution = true)
	void newDevice(NewDeviceSignIn event) {
		if (!properties.newDevice()) {
			return;
		}
		safely(NoticeKind.NEW_DEVICE, () -> users.find(event.userId()).map(UserAccount::phoneNumber).ifPresent(number -> {
			String when = NoticeDates.format(event.at(), properties.locale());
			sender.deliver(NoticeKind.NEW_DEVICE, event.userId(), number, event.browser(), List.of(event.browser(), when));
		}));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void recoveryCodeUsed(RecoveryCodeUsed event) {
		// No switch to turn it off: if it was not the holder, someone has the password and a code.
		safely(NoticeKind.RECOVERY_CODE_USED, () -> users.find(event.userId())
			.map(UserAccount::phoneNumber)
			.ifPresent(number -> sender.deliver(NoticeKind.RECOVERY_CODE_USED, event.userId(), number,
					event.remaining() + " left", List.of(event.remaining()))));
	}

	private void safely(NoticeKind kind, Runnable work) {
		try {
			newTransaction.executeWithoutResult(status -> work.run());
		}
		catch (RuntimeException ex) {
			// E.g. the database went away after the change committed: the notice is lost, the change stands.
			log.warn("Security notice ({}) could not be handled: {}", kind.auditName(), ex.toString());
		}
	}

}
