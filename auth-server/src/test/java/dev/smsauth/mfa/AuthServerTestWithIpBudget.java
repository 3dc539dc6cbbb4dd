package dev.smsauth.mfa;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.smsauth.support.AuthServerTest;

import org.springframework.test.context.TestPropertySource;

/** {@link AuthServerTest} with the per-IP SMS budget back at a number a test can reach (20 an hour). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AuthServerTest
@TestPropertySource(properties = "auth.sms.abuse.max-per-ip-per-hour=20")
@interface AuthServerTestWithIpBudget {

}
