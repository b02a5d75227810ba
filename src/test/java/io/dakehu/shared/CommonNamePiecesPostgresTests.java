package io.dakehu.shared;

import java.util.Map;

import io.dakehu.support.PostgresIntegrationTest;
import io.dakehu.support.ProbeTables;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The common pieces are read from PostgreSQL's statistics as shares of the table's rows,
 * not of the rows with a name: in a copy of the opportunity table where half the deals
 * are named "年度采购 …" and half have no name, "采购" is in half the rows, and a piece 1.6 %
 * of the names hold is in 0.8 % of the rows, under the 1 % line. Rolled back after.
 */
@PostgresIntegrationTest
class CommonNamePiecesPostgresTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aPieceEveryNamedDealHoldsIsCommonInTheShareOfDealsNamed() {
		this.transactions.executeWithoutResult((status) -> {
			status.setRollbackOnly();
			this.jdbc.sql(ProbeTables.temporaryCopy("opportunity", "pieces_probe")).update();
			// 2,000 deals, the even ones named; "七七" ends 16 of the 1,000 names.
			this.jdbc.sql("""
					insert into pieces_probe (id, owner_id, stage, name, source, stage_since, created_at, updated_at,
					                          version)
					select x, 1, 'ORDER',
					       case when x % 2 = 0 then '年度采购 ' || case when x % 120 = 0 then '七七' else 'x' || x end end,
					       'probe', localtimestamp, localtimestamp, localtimestamp, 0
					from generate_series(1, 2000) x""").update();
			ProbeTables.index(this.jdbc, "opportunity", "pieces_probe");
			this.jdbc.sql("analyze pieces_probe").update();

			Map<String, Double> common = new CommonNamePieces(this.jdbc).of("pieces_probe");

			assertThat(common.get("采购")).as("in every name, half the rows").isCloseTo(0.5, within(0.01));
			assertThat(common).as("in 1.6 % of the names, 0.8 % of the rows").doesNotContainKey("七七");
		});
	}

}
