package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.dakehu.shared.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scoring engine on the default credit card (DOMAIN.md §5), without Spring. Expected
 * points come from the table below, written from DOMAIN.md's band column: for every
 * boundary the value on it and the value just beside it.
 */
class ScoringTests {

	private static final ScorecardVersion CARD = DomainCreditCard.version();

	/** indicator: value → points, …, read off DOMAIN.md §5 by hand. */
	private static final List<String> BOUNDARIES = List.of(
			"1: 10→4, 5→4, 4.99→3, 3→3, 2.99→2, 1→2, 0.99→1, 0.01→1, 0→0", "2: 5→4, 4→3, 3→2, 2→1, 1→0",
			"3: 5→4, 4→3, 3→2, 2→1, 1→0", "4: 5→4, 4→3, 3→2, 2→1, 1→0", "5: 0→4, 1→2, 2→0, 7→0",
			"6: 100→12, 98→12, 97.99→10, 90→10, 89.99→7, 80→7, 79.99→4, 60→4, 59.99→0, 0→0",
			"7: 0→8, 0.01→6, 15→6, 15.01→4, 30→4, 30.01→2, 60→2, 60.01→0, 365→0",
			"8: 98→5, 97.99→4, 90→4, 89.99→2, 80→2, 79.99→0", "9: 0→5, 1→2, 2→0, 3→0",
			"10: -5→5, 40→5, 40.01→4, 55→4, 55.01→2, 70→2, 70.01→1, 85→1, 85.01→0, 100→0",
			"11: 2.0→4, 1.99→3, 1.5→3, 1.49→2, 1.0→2, 0.99→1, 0.8→1, 0.79→0, 0→0",
			"12: 1.0→3, 0.99→2, 0.8→2, 0.79→1, 0.5→1, 0.49→0", "13: 8→4, 7.99→3, 6→3, 5.99→2, 4→2, 3.99→1, 2→1, 1.99→0",
			"14: 6→3, 5.99→2, 4→2, 3.99→1, 2→1, 1.99→0", "15: VIP→8, MAJOR→6, ORDINARY→4, SMALL→2, NONE→0",
			"16: 5→6, 4→5, 3→3, 2→1, 1→0", "17: 5→6, 4→5, 3→3, 2→1, 1→0",
			"18: 15→5, 14.99→4, 10→4, 9.99→3, 5→3, 4.99→1, 0→1, -0.01→0",
			"19: 15→3, 14.99→2, 8→2, 7.99→1, 0→1, -0.01→0", "20: 8→3, 7.99→2, 4→2, 3.99→1, 0→1, -0.01→0");

	/** Values that score every indicator in full. */
	private static final Map<Integer, String> BEST = Map.ofEntries(Map.entry(1, "5"), Map.entry(2, "5"),
			Map.entry(3, "5"), Map.entry(4, "5"), Map.entry(5, "0"), Map.entry(6, "98"), Map.entry(7, "0"),
			Map.entry(8, "98"), Map.entry(9, "0"), Map.entry(10, "40"), Map.entry(11, "2"), Map.entry(12, "1"),
			Map.entry(13, "8"), Map.entry(14, "6"), Map.entry(15, "VIP"), Map.entry(16, "5"), Map.entry(17, "5"),
			Map.entry(18, "15"), Map.entry(19, "15"), Map.entry(20, "8"));

	static Stream<Arguments> boundaries() {
		List<Arguments> cases = new ArrayList<>();
		for (String line : BOUNDARIES) {
			int number = Integer.parseInt(line.substring(0, line.indexOf(':')));
			for (String pair : line.substring(line.indexOf(':') + 1).split(",")) {
				String[] valueAndPoints = pair.strip().split("→");
				cases.add(Arguments.of(number, valueAndPoints[0], Integer.parseInt(valueAndPoints[1])));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "#{0} at {1} scores {2}")
	@MethodSource("boundaries")
	void everyBandBoundaryOfEveryDefaultIndicator(int number, String value, int points) {
		Indicator indicator = CARD.indicator(number).orElseThrow();
		Score score = indicator.source().computed()
				? CARD.evaluate(Map.of(), Map.of(), Map.of(number, value), Locale.ENGLISH)
				: CARD.evaluate(Map.of(Integer.toString(number), value), Map.of(), Map.of(), Locale.ENGLISH);
		assertThat(pointsOf(score, number)).isEqualByComparingTo(BigDecimal.valueOf(points));
		assertThat(score.score()).isEqualByComparingTo(BigDecimal.valueOf(points));
	}

	@Test
	void everyIndicatorHasItsBoundariesListed() {
		assertThat(boundaries().map((a) -> a.get()[0]).distinct().count()).isEqualTo(20);
	}

	@Test
	void fullMarksAreThirtyFinancialAndSeventyNonFinancial() {
		Score score = CARD.score(BEST);
		assertThat(score.financial()).isEqualByComparingTo("30");
		assertThat(score.nonFinancial()).isEqualByComparingTo("70");
		assertThat(score.score()).isEqualByComparingTo("100");
		assertThat(score.grade()).isEqualTo("AAA");
		assertThat(score.gradePosition()).isZero();
		assertThat(score.provisional()).isFalse();
	}

	@Test
	void subtotalsSplitByTheFinancialFlag() {
		// Only the financial indicators in full, then only the non-financial ones.
		Map<Integer, String> financialOnly = new HashMap<>();
		Map<Integer, String> nonFinancialOnly = new HashMap<>();
		for (int n : List.of(10, 11, 12, 13, 14, 18, 19, 20)) {
			financialOnly.put(n, BEST.get(n));
		}
		BEST.forEach((n, v) -> {
			if (!financialOnly.containsKey(n)) {
				nonFinancialOnly.put(n, v);
			}
		});
		Score financial = CARD.score(financialOnly);
		assertThat(financial.financial()).isEqualByComparingTo("30");
		assertThat(financial.nonFinancial()).isEqualByComparingTo("0");
		assertThat(financial.grade()).isEqualTo("C");
		assertThat(financial.provisional()).isTrue();
		Score nonFinancial = CARD.score(nonFinancialOnly);
		assertThat(nonFinancial.financial()).isEqualByComparingTo("0");
		assertThat(nonFinancial.nonFinancial()).isEqualByComparingTo("70");
		assertThat(nonFinancial.grade()).isEqualTo("A");
	}

	@ParameterizedTest(name = "{0} is {1}")
	@MethodSource("gradeBoundaries")
	void eachGradeBoundary(String score, String grade) {
		assertThat(CARD.gradeOf(new BigDecimal(score)).code()).isEqualTo(grade);
	}

	static Stream<Arguments> gradeBoundaries() {
		return Stream.of(Arguments.of("100", "AAA"), Arguments.of("90", "AAA"), Arguments.of("89.99", "AA"),
				Arguments.of("80", "AA"), Arguments.of("79.99", "A"), Arguments.of("70", "A"),
				Arguments.of("69.99", "B"), Arguments.of("60", "B"), Arguments.of("59.99", "C"),
				Arguments.of("0", "C"));
	}

	@Test
	void aScoreOfNinetyExactlyIsAaaAndOneLessIsAa() {
		// Full marks less #17 (6 points) and #12 (3 points) → 91; less a further 1 at #2
		// → 90.
		Map<Integer, String> values = new HashMap<>(BEST);
		values.put(17, "1");
		values.put(12, "0.49");
		assertThat(CARD.score(values).score()).isEqualByComparingTo("91");
		values.put(2, "4");
		Score ninety = CARD.score(values);
		assertThat(ninety.score()).isEqualByComparingTo("90");
		assertThat(ninety.grade()).isEqualTo("AAA");
		values.put(3, "4");
		Score eightyNine = CARD.score(values);
		assertThat(eightyNine.score()).isEqualByComparingTo("89");
		assertThat(eightyNine.grade()).isEqualTo("AA");
		assertThat(eightyNine.gradePosition()).isEqualTo(1);
	}

	@Test
	void aMissingInputScoresNothingAndMakesTheGradeProvisional() {
		Map<Integer, String> values = new HashMap<>(BEST);
		values.remove(6);
		Score score = CARD.score(values);
		assertThat(score.score()).isEqualByComparingTo("88");
		assertThat(score.grade()).isEqualTo("AA");
		assertThat(score.provisional()).isTrue();
		ScoredIndicator missing = score.indicators().stream().filter((i) -> i.number() == 6).findFirst().orElseThrow();
		assertThat(missing.missing()).isTrue();
		assertThat(missing.points()).isEqualByComparingTo("0");
	}

	@Test
	void aComputedValueIsUsedUntilOverriddenWithAReason() {
		Score computed = CARD.evaluate(Map.of(), Map.of(), Map.of(1, "6.5", 15, "SMALL"), Locale.ENGLISH);
		assertThat(pointsOf(computed, 1)).isEqualByComparingTo("4");
		assertThat(pointsOf(computed, 15)).isEqualByComparingTo("2");

		Score overridden = CARD.evaluate(Map.of(),
				Map.of("15", new ComputedOverride("MAJOR", "Its group buys through a sister company")),
				Map.of(1, "6.5", 15, "SMALL"), Locale.ENGLISH);
		assertThat(pointsOf(overridden, 15)).isEqualByComparingTo("6");
		ScoredIndicator line = overridden.indicators().get(14);
		assertThat(line.value()).isEqualTo("MAJOR");
		assertThat(line.computed()).isEqualTo("SMALL");
		assertThat(line.overrideReason()).isEqualTo("Its group buys through a sister company");
	}

	@Test
	void aComputedIndicatorWithoutAValueIsMissing() {
		Score score = CARD.evaluate(Map.of(), Map.of(), Map.of(15, "VIP"), Locale.ENGLISH);
		assertThat(score.indicators().get(0).missing()).isTrue();
		assertThat(score.provisional()).isTrue();
	}

	@Test
	void anOverrideNeedsAReasonAndOnlyAComputedIndicatorTakesOne() {
		assertThatThrownBy(() -> CARD.evaluate(Map.of(), Map.of("1", new ComputedOverride(3, " ")), Map.of(1, "6"),
				Locale.ENGLISH))
			.isInstanceOfSatisfying(RuleViolationException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("overrides.1.reason"));
		assertThatThrownBy(
				() -> CARD.evaluate(Map.of(), Map.of("2", new ComputedOverride(3, "why")), Map.of(), Locale.ENGLISH))
			.isInstanceOfSatisfying(RuleViolationException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("overrides.2");
				assertThat(ex.messageKey()).isEqualTo("validation.scorecard.notComputed");
			});
		assertThatThrownBy(() -> CARD.evaluate(Map.of("1", 3), Map.of(), Map.of(), Locale.ENGLISH))
			.isInstanceOfSatisfying(RuleViolationException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("inputs.1");
				assertThat(ex.messageKey()).isEqualTo("validation.scorecard.computed");
			});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "2=6|rating", "2=0|rating", "2=2.5|rating", "10=250|percentage", "10=-100.5|percentage",
			"11=abc|number", "11=-1|nonNegative", "5=-1|count", "5=1.5|count", "21=3|unknownIndicator",
			"x=3|unknownIndicator", "11=1.123456|decimals" })
	void badInputIsAFieldErrorNamingTheIndicator(String spec) {
		String[] parts = spec.split("[=|]");
		Object value = parts[1].matches("[-\\d.]+") ? new BigDecimal(parts[1]) : parts[1];
		assertThatThrownBy(() -> CARD.evaluate(Map.of(parts[0], value), Map.of(), Map.of(), Locale.ENGLISH))
			.isInstanceOfSatisfying(RuleViolationException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("inputs." + parts[0]);
				assertThat(ex.messageKey()).isEqualTo("validation.scorecard." + parts[2]);
				assertThat(ex.args()[0].toString()).contains(parts[0]);
			});
	}

	@Test
	void aTierOutsideThePyramidIsRefused() {
		assertThatThrownBy(() -> CARD.evaluate(Map.of(), Map.of("15", new ComputedOverride("GOLD", "why")),
				Map.of(15, "VIP"), Locale.ENGLISH))
			.isInstanceOfSatisfying(RuleViolationException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("overrides.15.value"));
	}

	@Test
	void numbersMayComeAsTextFromAForm() {
		Score score = CARD.evaluate(Map.of("10", " 52.5 ", "2", "4"), Map.of(), Map.of(), Locale.ENGLISH);
		assertThat(pointsOf(score, 10)).isEqualByComparingTo("4");
		assertThat(pointsOf(score, 2)).isEqualByComparingTo("3");
		assertThat(score.indicators().get(9).value()).isEqualTo("52.5");
	}

	@Test
	void aDraftMustAddUpToOneHundredAndKeepItsGradesInOrder() {
		List<Indicator> indicators = new ArrayList<>(DomainCreditCard.indicators());
		new ScorecardDraft(ScorecardKind.CREDIT, "信用", "Credit", indicators, DomainCreditCard.grades()).check();

		indicators.remove(0);
		assertThatThrownBy(
				() -> new ScorecardDraft(ScorecardKind.CREDIT, "信用", "Credit", indicators, DomainCreditCard.grades())
					.check())
			.isInstanceOfSatisfying(RuleViolationException.class,
					(ex) -> assertThat(ex.messageKey()).isEqualTo("validation.scorecard.total"));

		List<GradeBand> unordered = List.of(DomainCreditCard.grades().get(1), DomainCreditCard.grades().get(0),
				DomainCreditCard.grades().get(4));
		assertThatThrownBy(
				() -> new ScorecardDraft(ScorecardKind.CREDIT, "信用", "Credit", DomainCreditCard.indicators(), unordered)
					.check())
			.isInstanceOfSatisfying(RuleViolationException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("grades[1].minScore"));
	}

	@Test
	void aBandMayNotGiveMoreThanItsIndicator() {
		List<Indicator> indicators = new ArrayList<>(DomainCreditCard.indicators());
		Indicator first = indicators.get(0);
		indicators.set(0,
				new Indicator(1, first.category(), first.categoryZh(), first.categoryEn(), first.nameZh(),
						first.nameEn(), false, first.points(), first.inputType(), first.source(),
						List.of(new Band(Band.Op.GE, "5", new BigDecimal("5")),
								new Band(Band.Op.ELSE, null, BigDecimal.ZERO))));
		assertThatThrownBy(
				() -> new ScorecardDraft(ScorecardKind.CREDIT, "信用", "Credit", indicators, DomainCreditCard.grades())
					.check())
			.isInstanceOfSatisfying(RuleViolationException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("indicators[0].bands[0]"));
	}

	private static BigDecimal pointsOf(Score score, int number) {
		return score.indicators().stream().filter((i) -> i.number() == number).findFirst().orElseThrow().points();
	}

}
