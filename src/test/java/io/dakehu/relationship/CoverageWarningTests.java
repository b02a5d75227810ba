package io.dakehu.relationship;

import java.util.List;

import io.dakehu.account.RelationshipType;
import io.dakehu.contact.Attitude;
import io.dakehu.contact.BuyingCenterMember;
import io.dakehu.contact.BuyingRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coverage rules of DOMAIN.md §7 on buying centers built in memory, and the
 * relationship type suggested from the breadth of contacts.
 */
class CoverageWarningTests {

	private static long ids;

	private static BuyingCenterMember member(String name, List<BuyingRole> roles, Integer influence, Attitude attitude,
			Integer personalLevel) {
		return new BuyingCenterMember(++ids, 1, name, null, null, null, roles, influence, attitude, personalLevel, null,
				null, null, 0);
	}

	private static List<CoverageWarning.Kind> kinds(BuyingCenterMember... members) {
		return CoverageWarning.check(List.of(members)).stream().map(CoverageWarning::kind).toList();
	}

	@Test
	void anEmptyBuyingCenterHasNoDecider() {
		assertThat(kinds()).containsExactly(CoverageWarning.Kind.NO_DECIDER);
		assertThat(kinds(member("Buyer", List.of(BuyingRole.BUYER), 3, Attitude.CHAMPION, 5)))
			.containsExactly(CoverageWarning.Kind.NO_DECIDER);
	}

	@Test
	void aDeciderAtPersonalLevelOneOrUnassessedIsWeak() {
		assertThat(kinds(member("D", List.of(BuyingRole.DECIDER), 5, null, 1)))
			.containsExactly(CoverageWarning.Kind.WEAK_DECIDER);
		assertThat(kinds(member("D", List.of(BuyingRole.DECIDER), 5, null, null)))
			.containsExactly(CoverageWarning.Kind.WEAK_DECIDER);
		assertThat(kinds(member("D", List.of(BuyingRole.DECIDER), 5, null, 2))).isEmpty();
		List<CoverageWarning> two = CoverageWarning
			.check(List.of(member("Strong", List.of(BuyingRole.DECIDER), 5, null, 4),
					member("Weak", List.of(BuyingRole.DECIDER, BuyingRole.BUYER), 3, null, 0)));
		assertThat(two).extracting(CoverageWarning::contactName).containsExactly("Weak");
		assertThat(two.get(0).value()).isZero();
	}

	@Test
	void anInfluentialOpponentMattersOnlyWithoutAChampion() {
		BuyingCenterMember decider = member("D", List.of(BuyingRole.DECIDER), 5, Attitude.NEUTRAL, 3);
		assertThat(kinds(decider, member("O", List.of(BuyingRole.USER), 4, Attitude.OPPONENT, 0)))
			.containsExactly(CoverageWarning.Kind.UNCHECKED_OPPONENT);
		assertThat(kinds(decider, member("O", List.of(BuyingRole.USER), 3, Attitude.OPPONENT, 0))).isEmpty();
		assertThat(kinds(decider, member("O", List.of(), 5, Attitude.OPPONENT, 0),
				member("C", List.of(), 1, Attitude.CHAMPION, 4)))
			.isEmpty();
	}

	@Test
	void suggestsTheRelationshipTypeFromFunctionsAndLevelsKnown() {
		assertThat(Assessments.suggestType(0, 0, 0)).isNull();
		assertThat(Assessments.suggestType(3, 1, 3)).isEqualTo(RelationshipType.ORDINARY);
		assertThat(Assessments.suggestType(4, 2, 1)).isEqualTo(RelationshipType.PARTNERSHIP);
		assertThat(Assessments.suggestType(9, 4, 2)).isEqualTo(RelationshipType.PARTNERSHIP);
		assertThat(Assessments.suggestType(9, 4, 3)).isEqualTo(RelationshipType.STRATEGIC);
	}

}
