package io.dakehu.identity;

import java.nio.charset.StandardCharsets;

import io.dakehu.shared.RuleViolationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules a new password must meet, each refusal naming the field and the rule.
 */
class PasswordPolicyTests {

	private final PasswordPolicy policy = new PasswordPolicy();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			short                    | validation.passwordLength
			七个汉字的密码            | validation.passwordLength
			password                 | validation.passwordCommon
			PassWord                 | validation.passwordCommon
			12345678                 | validation.passwordCommon
			qwertyuiop               | validation.passwordCommon
			x-zhang.wei-2026         | validation.passwordName
			My-Wei-Zhang-Pass        | validation.passwordName
			""")
	void refusesWithTheRuleBroken(String password, String rule) {
		assertThatThrownBy(() -> this.policy.check("password", password, "zhang.wei", "Wei Zhang"))
			.isInstanceOfSatisfying(RuleViolationException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("password");
				assertThat(ex.messageKey()).isEqualTo(rule);
			});
	}

	@ParameterizedTest
	@ValueSource(ints = { 73, 100, 1000 })
	void refusesMoreThanBcryptsSeventyTwoBytes(int bytes) {
		String password = "Kx9!" + "é".repeat((bytes - 4) / 2) + "q".repeat((bytes - 4) % 2);
		assertThat(password.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
		assertThatThrownBy(() -> this.policy.check("newPassword", password, "zhang.wei", "Wei Zhang"))
			.isInstanceOfSatisfying(RuleViolationException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("newPassword");
				assertThat(ex.messageKey()).isEqualTo("validation.passwordBytes");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "Kx9!vTq2", "长城脚下的第一杯咖啡", "Secret-Pass-1", "éééééééééééééééééééééééééééééééééééé" })
	void acceptsEightCharactersUpToSeventyTwoBytes(String password) {
		assertThatCode(() -> this.policy.check("password", password, "zhang.wei", "Wei Zhang"))
			.doesNotThrowAnyException();
	}

}
