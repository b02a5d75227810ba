package io.dakehu.shared.config;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Static files under the paths the pages link them from, and nowhere else (with
 * {@code spring.web.resources.add-mappings=false}). The WebJars locator puts every link a
 * template builds through a filter that asks each resource handler matching the link
 * where the file is (so version-less WebJars paths get their version). Boot's default
 * handler matches {@code /**}, that is every page link too — a board column's 20 cards
 * link 60 times — and looks each up, uncached when missing, in four classpath folders
 * inside the jar under a lock every request shares: a third of a column's CPU and most of
 * its waiting (BENCHMARKS.md, pipeline board).
 *
 * <p>
 * Every link to a static file names its version: a WebJar's path carries the library's
 * version, and our own files' links carry a hash of their content
 * ({@code /css/app-3f1c….css}), so a changed file gets a new address. The browser may
 * therefore keep each for a year without asking again; without it, Spring Security's
 * default {@code no-store} made every page load fetch Bootstrap, htmx and our scripts
 * anew. Pages themselves keep {@code no-store}: they show private records.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		CacheControl forAYear = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(forAYear)
			.resourceChain(true);
		for (String folder : new String[] { "css", "js", "img" }) {
			registry.addResourceHandler("/" + folder + "/**")
				.addResourceLocations("classpath:/static/" + folder + "/")
				.setCacheControl(forAYear)
				.resourceChain(true)
				.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		}
	}

}
