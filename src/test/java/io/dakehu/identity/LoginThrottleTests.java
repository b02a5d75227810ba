package io.dakehu.identity;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five wrong passwords in a row lock the username for a while, whatever comes next.
 */
abstract class LoginThrottleTests extends ApiTestSupport {

	@Test
	void fiveWrongPasswordsLockTheUserEvenForTheRightPassword() {
		String user = this.given.kam();
		this.api.get(user, "/api/v1/me").expect(200);
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(status(user, "wrong-password-" + attempt)).as("wrong attempt %d", attempt).isEqualTo(401);
		}
		assertThat(status(user, Api.USER_PASSWORD)).as("right password while locked").isEqualTo(401);
		assertThat(this.jdbc.sql("select locked_until from app_user where username = ?")
			.param(user)
			.query(java.sql.Timestamp.class)
			.single()).isNotNull();
	}

	@Test
	void fourWrongPasswordsDoNotLockAndASuccessResetsTheCount() {
		String user = this.given.kam();
		for (int attempt = 1; attempt <= 4; attempt++) {
			assertThat(status(user, "wrong-password-" + attempt)).isEqualTo(401);
		}
		assertThat(status(user, Api.USER_PASSWORD)).isEqualTo(200);
		for (int attempt = 1; attempt <= 4; attempt++) {
			assertThat(status(user, "wrong-again-" + attempt)).isEqualTo(401);
		}
		assertThat(status(user, Api.USER_PASSWORD)).as("the success in between reset the counter").isEqualTo(200);
	}

	@Test
	void aLockedUserDoesNotLockOthers() {
		String locked = this.given.kam();
		String bystander = this.given.kam();
		for (int attempt = 1; attempt <= 5; attempt++) {
			status(locked, "wrong-password-" + attempt);
		}
		assertThat(status(locked, Api.USER_PASSWORD)).isEqualTo(401);
		assertThat(status(bystander, Api.USER_PASSWORD)).isEqualTo(200);
	}

	private int status(String user, String password) {
		return this.api.send(user, password, "GET", "/api/v1/me", null).status();
	}

}
