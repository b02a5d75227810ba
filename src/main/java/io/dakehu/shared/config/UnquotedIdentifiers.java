package io.dakehu.shared.config;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * Spring Data JDBC quotes every identifier by default, in the case its dialect prefers:
 * upper case on H2, lower on PostgreSQL. The migrations create unquoted (so lower-case,
 * with H2's DATABASE_TO_LOWER) names that both databases fold the same way, so the
 * generated SQL must leave identifiers unquoted too.
 */
@Configuration(proxyBeanMethods = false)
class UnquotedIdentifiers {

	@org.springframework.context.annotation.Bean
	static BeanPostProcessor unquotedIdentifierMapping() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof RelationalMappingContext context) {
					context.setForceQuote(false);
				}
				return bean;
			}
		};
	}

}
