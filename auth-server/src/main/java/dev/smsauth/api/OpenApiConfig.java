package dev.smsauth.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the management API in the OpenAPI document at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	@Bean
	OpenAPI managementApi() {
		return new OpenAPI()
			.info(new Info().title("Management API")
				.version("v1")
				.description("Applications (registered OAuth clients with their MFA switch and access-token "
						+ "format) and users. "
						+ "Bearer token from the client_credentials grant with scope 'management'. "
						+ "Errors are application/problem+json (RFC 9457)."))
			.components(new Components().addSecuritySchemes("management",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("Access token of the client_credentials grant with scope 'management': "
								+ "a JWT, or an opaque reference token if the application uses them")))
			.addSecurityItem(new SecurityRequirement().addList("management"));
	}

}
