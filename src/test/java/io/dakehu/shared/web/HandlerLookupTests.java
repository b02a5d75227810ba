package io.dakehu.shared.web;

import java.util.List;

import io.dakehu.shared.web.HandlerLookup.Shape;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape a mapping's patterns give every address they match, by which the controller
 * lookup passes over the mappings an address cannot match: never one that matches.
 */
class HandlerLookupTests {

	@Test
	void aPatternsLiteralStartEndsAtTheLastSlashBeforeItsFirstVariableOrWildcard() {
		assertThat(HandlerLookup.literalStart("/accounts/{id}/history/section")).isEqualTo("/accounts/");
		assertThat(HandlerLookup.literalStart("/files/report-{year}.csv")).isEqualTo("/files/");
		assertThat(HandlerLookup.literalStart("/webjars/**")).isEqualTo("/webjars/");
		assertThat(HandlerLookup.literalStart("/static/*.css")).isEqualTo("/static/");
		assertThat(HandlerLookup.literalStart("/{lang}/accounts")).isEqualTo("/");
		assertThat(HandlerLookup.literalStart("/pipeline/list")).isEqualTo("/pipeline/list");
	}

	@Test
	void aPatternOfWholeSegmentsFitsAddressesOfAsManySegmentsWithTheSameLiteralOnes() {
		Shape section = Shape.of("/accounts/{id}/history/section");
		assertThat(fits(section, "/accounts/86/history/section")).isTrue();
		assertThat(fits(section, "/accounts/86/contacts/section")).isFalse();
		assertThat(fits(section, "/accounts/86/history")).isFalse();
		assertThat(fits(section, "/accounts/86/history/section/")).isFalse();
		assertThat(fits(section, "/contacts/86/history/section")).isFalse();
		Shape typed = Shape.of("/api/v1/accounts/{id:\\d+}");
		assertThat(fits(typed, "/api/v1/accounts/86")).isTrue();
		assertThat(fits(typed, "/api/v1/accounts")).isFalse();
		Shape literal = Shape.of("/pipeline/list");
		assertThat(fits(literal, "/pipeline/list")).isTrue();
		assertThat(fits(literal, "/pipeline/board")).isFalse();
		assertThat(fits(Shape.of("/"), "/")).isTrue();
	}

	@Test
	void aPatternWithWildcardsOrPartVariablesFitsEveryAddressThatBeginsWithItsLiteralStart() {
		assertThat(fits(Shape.of("/webjars/**"), "/webjars/htmx.org/2.0.4/dist/htmx.min.js")).isTrue();
		assertThat(fits(Shape.of("/webjars/**"), "/static/app.js")).isFalse();
		assertThat(fits(Shape.of("/exports/{name}.csv"), "/exports/accounts.csv")).isTrue();
		assertThat(fits(Shape.of("/files/{*path}"), "/files/a/b/c")).isTrue();
		assertThat(fits(Shape.of("/files/{*path}"), "/other/a")).isFalse();
		assertThat(fits(Shape.of("/{lang}/acc*"), "/en/accounts")).isTrue();
	}

	@Test
	void aMappingMayMatchWhenOneOfItsPatternsFitsAndAlwaysWithoutPatterns() {
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(new PathPatternParser());
		List<Shape> shapes = HandlerLookup
			.shapes(RequestMappingInfo.paths("/accounts/{id}", "/api/v1/accounts/{id}").options(options).build());
		assertThat(mayMatch("/accounts/5", shapes)).isTrue();
		assertThat(mayMatch("/api/v1/accounts/5", shapes)).isTrue();
		assertThat(mayMatch("/contacts/5", shapes)).isFalse();
		assertThat(mayMatch("/api/v1/contacts/5", shapes)).isFalse();
		assertThat(HandlerLookup.shapes(RequestMappingInfo.paths().options(options).build())).isNull();
		assertThat(mayMatch("/anything", null)).isTrue();
	}

	private static boolean fits(Shape shape, String path) {
		return shape.fits(path, HandlerLookup.segments(path));
	}

	private static boolean mayMatch(String path, List<Shape> shapes) {
		return HandlerLookup.mayMatch(path, HandlerLookup.segments(path), shapes);
	}

}
