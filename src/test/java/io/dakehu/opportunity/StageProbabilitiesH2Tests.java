package io.dakehu.opportunity;

import java.util.Map;

import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stages' probabilities are read once per read-only transaction, so a searched
 * board's answer weighs its matches and labels its columns with one reading; a
 * transaction that writes, or a read outside any, reads the table each time.
 */
@H2IntegrationTest
class StageProbabilitiesH2Tests {

	@Autowired
	StageProbabilities probabilities;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReadOnlyTransactionReadsThemOnceAndAWritingOneSeesItsChange() {
		TransactionTemplate readOnly = new TransactionTemplate(this.transactions);
		readOnly.setReadOnly(true);
		TransactionTemplate writing = new TransactionTemplate(this.transactions);
		TransactionTemplate apart = new TransactionTemplate(this.transactions);
		apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		int before = this.probabilities.read().get(Stage.ORDER);
		try {
			readOnly.executeWithoutResult((status) -> {
				Map<Stage, Integer> first = this.probabilities.read();
				// Changed and committed by another transaction meanwhile: this one goes
				// on with what it read.
				apart.executeWithoutResult((inner) -> setOrder(before + 1));
				assertThat(this.probabilities.read()).isSameAs(first);
				assertThat(first.get(Stage.ORDER)).isEqualTo(before);
			});
			readOnly.executeWithoutResult(
					(status) -> assertThat(this.probabilities.read().get(Stage.ORDER)).isEqualTo(before + 1));
			writing.executeWithoutResult((status) -> {
				assertThat(this.probabilities.read().get(Stage.ORDER)).isEqualTo(before + 1);
				setOrder(before + 2);
				assertThat(this.probabilities.read().get(Stage.ORDER)).isEqualTo(before + 2);
			});
			assertThat(this.probabilities.read().get(Stage.ORDER)).isEqualTo(before + 2);
		}
		finally {
			setOrder(before);
		}
	}

	private void setOrder(int probability) {
		this.jdbc.sql("update opportunity_stage_probability set probability = :p where stage = 'ORDER'")
			.param("p", probability)
			.update();
	}

}
