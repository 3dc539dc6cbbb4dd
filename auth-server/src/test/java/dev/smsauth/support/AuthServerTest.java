package dev.smsauth.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full auth server on a random port over real HTTP, in the embedded default profile (outbox
 * SMS, demo data), on its own in-memory H2 database, with a clock tests can move.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:auth-${random.uuid};DB_CLOSE_DELAY=-1",
				"auth.issuer=",
				// Every test browser comes from 127.0.0.1 and the suite sends hundreds of codes in an
				// hour: lift the per-IP and global SMS budgets (SmsSendPolicyTests tests them).
				"auth.sms.abuse.max-per-ip-per-hour=100000", "auth.sms.abuse.max-per-calling-code-per-hour=100000",
				"auth.sms.abuse.max-global-per-hour=100000" })
@Import(TestClockConfig.class)
public @interface AuthServerTest {

}
