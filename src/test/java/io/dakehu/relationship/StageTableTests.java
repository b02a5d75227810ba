package io.dakehu.relationship;

import java.util.ArrayList;
import java.util.List;

import io.dakehu.shared.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stage table as a value: 0 on an axis is never a stage, and the table decides the
 * rest.
 */
class StageTableTests {

	@Test
	void zeroOnEitherAxisIsNotEstablishedWhateverTheTableSays() {
		StageTable everywherePartner = table((p, c) -> RelationshipStage.PARTNER);
		for (int level = 0; level <= 5; level++) {
			assertThat(everywherePartner.stageOf(0, level)).isNull();
			assertThat(everywherePartner.stageOf(level, 0)).isNull();
		}
		assertThat(everywherePartner.stageOf(1, 1)).isEqualTo(RelationshipStage.PARTNER);
	}

	@Test
	void rejectsATableThatIsNotFiveByFive() {
		List<List<RelationshipStage>> four = new ArrayList<>(table((p, c) -> null).stages());
		four.remove(4);
		assertThatThrownBy(() -> new StageTable(four)).isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> table((p, c) -> null).stageOf(6, 1)).isInstanceOf(IllegalArgumentException.class);
	}

	static StageTable table(java.util.function.BiFunction<Integer, Integer, RelationshipStage> rule) {
		List<List<RelationshipStage>> rows = new ArrayList<>();
		for (int p = 1; p <= 5; p++) {
			List<RelationshipStage> row = new ArrayList<>();
			for (int c = 1; c <= 5; c++) {
				row.add(rule.apply(p, c));
			}
			rows.add(row);
		}
		return new StageTable(rows);
	}

}
