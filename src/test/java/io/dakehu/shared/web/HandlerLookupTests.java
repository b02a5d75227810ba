package io.dakehu.shared.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The literal start a mapping's patterns give every address they match, by which the
 * controller lookup passes over the mappings an address cannot match.
 */
class HandlerLookupTests {

	@Test
	void aPatternsLiteralStartEndsAtTheLastSlashBeforeItsFirstVariableOrWildcard() {
		assertThat(HandlerLookup.literalStart("/accounts/{id}/history/section")).isEqualTo("/accounts/");
		assertThat(HandlerLookup.literalStart("/api/v1/accounts/{id}")).isEqualTo("/api/v1/accounts/");
		assertThat(HandlerLookup.literalStart("/files/report-{year}.csv")).isEqualTo("/files/");
		assertThat(HandlerLookup.literalStart("/webjars/**")).isEqualTo("/webjars/");
		assertThat(HandlerLookup.literalStart("/static/*.css")).isEqualTo("/static/");
		assertThat(HandlerLookup.literalStart("/{lang}/accounts")).isEqualTo("/");
		assertThat(HandlerLookup.literalStart("/pipeline/list")).isEqualTo("/pipeline/list");
		assertThat(HandlerLookup.literalStart("/")).isEqualTo("/");
	}

	@Test
	void aMappingMayMatchAnAddressThatBeginsWithOneOfItsPatternsLiteralStarts() {
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(new PathPatternParser());
		RequestMappingInfo info = RequestMappingInfo.paths("/accounts/{id}", "/api/v1/accounts/{id}")
			.options(options)
			.build();
		List<String> starts = HandlerLookup.literalStarts(info);
		assertThat(starts).containsExactlyInAnyOrder("/accounts/", "/api/v1/accounts/");
		assertThat(HandlerLookup.mayMatch("/accounts/5", starts)).isTrue();
		assertThat(HandlerLookup.mayMatch("/api/v1/accounts/5", starts)).isTrue();
		assertThat(HandlerLookup.mayMatch("/contacts/5", starts)).isFalse();
		assertThat(HandlerLookup.mayMatch("/api/v1/contacts/5", starts)).isFalse();
		assertThat(HandlerLookup.mayMatch("/accountsX/5", starts)).isFalse();
		// A mapping without patterns is always asked.
		assertThat(HandlerLookup.literalStarts(RequestMappingInfo.paths().options(options).build()))
			.containsExactly("");
	}

}
