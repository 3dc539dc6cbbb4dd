package dev.smsauth.sms;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * A provider's beans exist only when some SMS route names it ({@link SmsRoutes}), so its settings
 * are bound, and so required, only then.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnSmsProviderCondition.class)
public @interface ConditionalOnSmsProvider {

	/** The provider's name, e.g. {@code vonage}. */
	String value();

}
