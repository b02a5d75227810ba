package io.dakehu.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProductMatcherTest {

	private final ProductMatcher matcher = new ProductMatcher(List.of(product(1, "GTX-PRO", "GTX Pro"),
			product(2, "GTX-PLUS-PRO", "GTX Plus Pro"), product(3, "MG-SPECIAL", "MG Special")));

	@Test
	void findsAProductWhateverTheCaseSpacesAndPunctuation() {
		assertThat(this.matcher.find("GTXPro")).map(ProductView::id).contains(1L);
		assertThat(this.matcher.find("gtx-pro")).map(ProductView::id).contains(1L);
		assertThat(this.matcher.find(" GTX  Plus Pro ")).map(ProductView::id).contains(2L);
		assertThat(this.matcher.find("mg-special")).map(ProductView::id).contains(3L);
	}

	@Test
	void suggestsTheClosestNameForATypoButNotForSomethingElse() {
		assertThat(this.matcher.find("GTX Prp")).isEmpty();
		assertThat(this.matcher.suggest("GTX Prp")).map(ProductView::name).contains("GTX Pro");
		assertThat(this.matcher.suggest("MG Specail")).map(ProductView::name).contains("MG Special");
		assertThat(this.matcher.suggest("Widget")).isEmpty();
	}

	@Test
	void derivesACodeFromTheName() {
		assertThat(Catalog.codeFor("GTX Plus Pro")).isEqualTo("GTX-PLUS-PRO");
		assertThat(Catalog.codeFor("  重型 卡车 ")).isEqualTo("重型-卡车");
	}

	private static ProductView product(long id, String code, String name) {
		return new ProductView(id, code, name, null, BigDecimal.TEN, null, true);
	}

}
