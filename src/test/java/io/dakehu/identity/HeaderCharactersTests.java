package io.dakehu.identity;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The firewall's header check by loop decides every character as Spring Security's
 * documented rule does: assigned and not a control character, a tab allowed in values.
 */
class HeaderCharactersTests {

	private static final Pattern NAME_RULE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern VALUE_RULE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void everyCharacterIsDecidedAsTheRuleDecidesIt() {
		int refused = 0;
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = "a" + new String(Character.toChars(codePoint)) + "b";
			assertThat(HeaderCharacters.NAMES.test(text)).as("name with U+%04X", codePoint)
				.isEqualTo(NAME_RULE.matcher(text).matches());
			assertThat(HeaderCharacters.VALUES.test(text)).as("value with U+%04X", codePoint)
				.isEqualTo(VALUE_RULE.matcher(text).matches());
			refused += HeaderCharacters.NAMES.test(text) ? 0 : 1;
		}
		assertThat(refused).as("control and unassigned characters exist").isGreaterThan(1000);
	}

	@Test
	void aBearerHeaderPassesAndALineBreakOrANullDoesNot() {
		assertThat(HeaderCharacters.VALUES.test("Bearer dkh_Zx9-abc_DEF")).isTrue();
		assertThat(HeaderCharacters.VALUES.test("name\tvalue")).isTrue();
		assertThat(HeaderCharacters.NAMES.test("name\tvalue")).isFalse();
		assertThat(HeaderCharacters.VALUES.test("a\r\nSet-Cookie: x")).isFalse();
		assertThat(HeaderCharacters.VALUES.test("a\u0000b")).isFalse();
		assertThat(HeaderCharacters.VALUES.test("上海华为 \uD83D\uDE00")).isTrue();
		assertThat(HeaderCharacters.VALUES.test("lone \uD800 surrogate"))
			.isEqualTo(VALUE_RULE.matcher("lone \uD800 surrogate").matches());
	}

	@Test
	void theFirewallKeepsTheRuleForParameterNames() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/accounts");
		request.addParameter("customFields.客户类别", "A");
		request.addParameter("q", "line\nbreak");
		request.addParameter("bell\u0007name", "x");
		HttpServletRequest firewalled = HeaderCharacters.firewall().getFirewalledRequest(request);
		assertThat(firewalled.getParameter("customFields.客户类别")).isEqualTo("A");
		assertThat(firewalled.getParameter("q")).as("values may hold a line break (a text area)")
			.isEqualTo("line\nbreak");
		assertThatThrownBy(() -> firewalled.getParameter("bell\u0007name"))
			.isInstanceOf(RequestRejectedException.class);
	}

}
