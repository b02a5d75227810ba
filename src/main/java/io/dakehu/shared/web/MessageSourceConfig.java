package io.dakehu.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;

/**
 * The labels of every module's bundle ({@code spring.messages.basename}), merged once per
 * language. A page asks for a label some hundred times; Spring Boot's default source
 * looks for each in the bundles one after another (twenty-five of them, the shared one
 * first), a tenth of a list page's time. Merged and cached for good, a label is one
 * lookup. Where two bundles define a key, the first listed still wins.
 */
@Configuration(proxyBeanMethods = false)
class MessageSourceConfig {

	@Bean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
	MessageSource messageSource(@Value("${spring.messages.basename}") List<String> basenames) {
		ReloadableResourceBundleMessageSource source = new ReloadableResourceBundleMessageSource();
		source.setBasenames(basenames.stream().map((name) -> "classpath:" + name.strip()).toArray(String[]::new));
		source.setDefaultEncoding(StandardCharsets.UTF_8.name());
		source.setFallbackToSystemLocale(false);
		// Read once and kept: the bundles are inside the jar and never change while it
		// runs.
		source.setCacheSeconds(-1);
		return source;
	}

}
