package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.dakehu.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@PostgresIntegrationTest
class SegmentationRulesPostgresTests extends SegmentationRulesTests {

	/**
	 * The planner counts a run's rows as soon as the run is stored: the accounts whose
	 * tier moved are read in the same transaction by comparing the run with the one
	 * before, and planned for the emptier table autovacuum last saw, that comparison
	 * loops over every row of one run for each row of the other.
	 */
	@Test
	void thePlannerCountsARunsRowsAsSoonAsTheRunIsStored() {
		List<Customer> customers = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			customers.add(new Customer(BigDecimal.valueOf(10_000 + i, 2), BigDecimal.ZERO));
		}
		rank(customers);

		long stored = this.jdbc.sql("select count(*) from segmentation_snapshot").query(Long.class).single();
		double counted = this.jdbc.sql("select reltuples from pg_class where oid = 'segmentation_snapshot'::regclass")
			.query(Double.class)
			.single();
		// Analyzing reads every row of a small table and a sample of a larger one (the
		// suite's shared database grows): hence the margin.
		assertThat(counted).isCloseTo(stored, within(stored * 0.05));
	}

}
