package io.dakehu.account;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which names count as the same organisation when a new account is checked for
 * duplicates.
 */
class AccountNamesTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "华为技术有限公司|华为技术", "华为技术股份有限公司|华为技术", "华为技术（集团）|华为技术", "华为技术集团有限公司|华为技术", "华为技术有限责任公司|华为技术",
					"Acme Co., Ltd.|ACME", "ＡＣＭＥ|acme", "Acme Inc.|Acme", "Acme Corp.|ACME Corporation",
					"Acme, Limited|acme", "Acme Group Holdings Ltd|Acme", "  Acme  |acme", "Zhong-Xing|ZHONGXING",
					"中兴通讯（深圳）|中兴通讯深圳", "Ａｃｍｅ　Ｃｏ．，Ｌｔｄ．|acme" })
	void namesOfOneOrganisationShareAKey(String one, String other) {
		assertThat(AccountNames.matchKey(one)).isEqualTo(AccountNames.matchKey(other)).isNotEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "Costco|Cost", "Pepsico|Pepsi", "华为技术|华为", "Acme North|Acme", "中兴通讯（深圳）|中兴通讯", "Acme 1|Acme 2" })
	void differentOrganisationsKeepApart(String one, String other) {
		assertThat(AccountNames.matchKey(one)).isNotEqualTo(AccountNames.matchKey(other));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "Company Ltd.|companyltd", "有限公司|有限公司", "Co|co", "集团|集团" })
	void aNameThatIsOnlyACompanyFormKeepsItsWords(String name, String key) {
		assertThat(AccountNames.matchKey(name)).isEqualTo(key);
	}

}
