package io.dakehu.shared.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Static files under the paths the pages link them from, and nowhere else (with
 * {@code spring.web.resources.add-mappings=false}). The WebJars locator puts every link a
 * template builds through a filter that asks each resource handler matching the link
 * where the file is (so version-less WebJars paths get their version). Boot's default
 * handler matches {@code /**}, that is every page link too — a board column's 20 cards
 * link 60 times — and looks each up, uncached when missing, in four classpath folders
 * inside the jar under a lock every request shares: a third of a column's CPU and most of
 * its waiting (BENCHMARKS.md, pipeline board).
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true);
		for (String folder : new String[] { "css", "js", "img" }) {
			registry.addResourceHandler("/" + folder + "/**")
				.addResourceLocations("classpath:/static/" + folder + "/")
				.resourceChain(true);
		}
	}

}
