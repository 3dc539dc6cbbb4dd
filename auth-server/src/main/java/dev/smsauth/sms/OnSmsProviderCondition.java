package dev.smsauth.sms;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the provider of {@link ConditionalOnSmsProvider} is named in some SMS route. */
class OnSmsProviderCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSmsProvider.class.getName());
		String name = (String) attributes.get("value");
		SmsRoutes routes = SmsRoutes.bind(Binder.get(context.getEnvironment()));
		return routes.providers().contains(name) ? ConditionOutcome.match("SMS routes name " + name)
				: ConditionOutcome.noMatch("no SMS route names " + name + " (" + routes + ")");
	}

}
