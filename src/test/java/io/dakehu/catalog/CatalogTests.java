package io.dakehu.catalog;

import io.dakehu.shared.RuleViolationException;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.Simultaneous;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product catalog's own rules, where the API tests of the modules using it do not
 * reach.
 */
abstract class CatalogTests extends ApiTestSupport {

	@Autowired
	private Catalog catalog;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	void aProductCodeAddedTwiceAtOnceIsRefusedByItsFieldTheSecondTime() throws Exception {
		String code = Fixtures.unique("TWIN");
		Simultaneous.Outcome<ProductView> second = Simultaneous.secondWhileFirstUncommitted(this.transactions,
				() -> this.catalog.add(new ProductInput(code, code + " first", null, null, null)),
				() -> this.catalog.add(new ProductInput(code, code + " second", null, null, null)));
		assertThat(second.failure()).isInstanceOf(RuleViolationException.class)
			.hasMessage("code: catalog.validation.duplicate");
		assertThat(this.catalog.all()).filteredOn((product) -> product.code().equals(code))
			.extracting(ProductView::name)
			.containsExactly(code + " first");
	}

}
