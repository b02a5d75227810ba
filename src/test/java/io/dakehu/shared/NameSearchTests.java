package io.dakehu.shared;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which pieces of a typed text the name search asks the index for (decision 0067): the
 * ones few names of the table hold; all of them when every one is common; none on H2,
 * where the LIKE alone matches.
 */
class NameSearchTests {

	private static final Map<String, Double> COMMON = Map.of("上海", 0.05, "有限", 0.98, "限公", 0.97, "公司", 0.99, "co", 0.2,
			"采购", 0.12, "购项", 0.12);

	private final NameSearch postgres = new NameSearch(true, (table) -> table.equals("account") ? COMMON : Map.of());

	@Test
	void asksTheIndexOnlyForThePiecesFewNamesHold() {
		assertThat(this.postgres.pieces("上海知有科技有限公司", "account")).containsExactly("海知", "知有", "有科", "科技", "技有");
		// Another table's names have their own common pieces.
		assertThat(this.postgres.pieces("上海知有", "contact")).containsExactly("上海", "海知", "知有");
	}

	@Test
	void aTextOfCommonPiecesOnlyAsksForTheTwoFewestNamesHold() {
		assertThat(this.postgres.pieces("有限公司", "account")).containsExactly("限公", "有限");
		assertThat(this.postgres.pieces("限公司", "account")).containsExactly("限公", "公司");
		assertThat(this.postgres.pieces("co", "account")).containsExactly("co");
	}

	@Test
	void cutsTheTextByCharactersAsTheDatabaseCutsNames() {
		// A character beyond the basic plane is one character, not two.
		assertThat(this.postgres.pieces("a𠀀b", "contact")).containsExactly("a𠀀", "𠀀b");
		// A run of Latin letters and digits by its three-character pieces, as the
		// database cuts it (decision 0077); the two-character pieces at its edges and in
		// Chinese as before.
		assertThat(this.postgres.pieces("abab", "contact")).containsExactly("aba", "bab");
		assertThat(this.postgres.pieces("customer 4242", "contact")).containsExactly("cus", "ust", "sto", "tom", "ome",
				"mer", "r ", " 4", "424", "242");
		assertThat(this.postgres.pieces("华为 p40", "contact")).containsExactly("华为", "为 ", " p", "p40");
		assertThat(this.postgres.pieces("ab-c", "contact")).containsExactly("ab", "b-", "-c");
	}

	@Test
	void writesThePiecesAsAnArrayWithQuotesAndBackslashesEscaped() {
		NameSearch.Condition condition = this.postgres.containing("contact", "lower(c.name)", "c.name_grams",
				" \"Q\\r ", "q");
		assertThat(condition.sql())
			.isEqualTo("(c.name_grams @> cast(:qPieces as text[]) and lower(c.name) like :q escape '\\')");
		assertThat(condition.params()).containsExactlyInAnyOrderEntriesOf(
				Map.of("q", "%\"q\\\\r%", "qPieces", "{\"\\\"q\",\"q\\\\\",\"\\\\r\"}"));
	}

	@Test
	void onH2AndForOneCharacterTheLikeAloneMatches() {
		NameSearch h2 = new NameSearch(false, (table) -> COMMON);
		assertThat(h2.containing("account", "a.name_key", "a.name_grams", "知有", "q").sql())
			.isEqualTo("a.name_key like :q escape '\\'");
		assertThat(this.postgres.containing("account", "a.name_key", "a.name_grams", "知", "q").sql())
			.isEqualTo("a.name_key like :q escape '\\'");
	}

	/**
	 * A text with a piece few names hold may run on one plan (decision 0071); one whose
	 * pieces a tenth of the names or more hold is met by reading every name (decision
	 * 0072); neither on H2 or for one character, where the LIKE alone matches.
	 */
	@ParameterizedTest(name = "{0} ({4})")
	@CsvSource(delimiter = '|', textBlock = """
			上海知有        | false | true  | false | a rare piece besides the city
			上海          | false | false | false | the city, in one name of twenty
			有限公司        | false | false | true  | two pieces nearly every name holds
			co          | false | false | true  | a piece one name in five holds
			采购项         | false | false | true  | a word in one name of eight: its pieces come together
			13800012900 | false | true  | false | a phone number's digits
			知           | false | false | false | one character: the LIKE alone
			有限公司        | true  | false | false | H2
			知有          | true  | false | false | H2, a rare piece
			""")
	void whatATextAsksOfTheIndex(String text, boolean h2, boolean fewNames, boolean mostNames, String as) {
		NameSearch search = h2 ? new NameSearch(false, (table) -> COMMON) : this.postgres;
		NameSearch.Condition condition = search.containing("account", "a.name_key", "a.name_grams", text, "q");
		assertThat(condition.fewNames()).as(as + ": few names").isEqualTo(fewNames);
		assertThat(condition.mostNames()).as(as + ": most names").isEqualTo(mostNames);
	}

	@Test
	void theLikeAloneNamesTheSameParameterAsTheSearch() {
		NameSearch.Condition condition = this.postgres.containing("account", "a.name_key", "a.name_grams", "有限公司", "q");
		assertThat(NameSearch.like("a.name_key", "q")).isEqualTo("a.name_key like :q escape '\\'");
		assertThat(condition.sql()).contains(NameSearch.like("a.name_key", "q"));
		assertThat(condition.params()).containsEntry("q", "%有限公司%");
	}

}
