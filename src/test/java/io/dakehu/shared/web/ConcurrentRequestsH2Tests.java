package io.dakehu.shared.web;

import com.zaxxer.hikari.HikariDataSource;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running application lets as many requests work at once as its pool has connections
 * (the tests' pool is smaller than the product's), before any other filter.
 */
@H2IntegrationTest
class ConcurrentRequestsH2Tests {

	@Autowired
	ConcurrentRequests limit;

	@Autowired
	HikariDataSource pool;

	@Test
	void asManyRequestsWorkAtOnceAsThePoolHasConnections() {
		assertThat(this.limit.capacity()).isEqualTo(this.pool.getMaximumPoolSize()).isEqualTo(5);
		assertThat(this.limit.getOrder()).isLessThan(DatabaseUnavailable.ORDER);
	}

}
