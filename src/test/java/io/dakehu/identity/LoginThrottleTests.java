package io.dakehu.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling: attempts are counted before the password is checked, per username
 * from one address, per address and per username from anywhere; others' failures slow a
 * user down but never lock them out; unknown, deactivated and real users get the same
 * answers. Every test signs in from addresses of its own (as a proxy forwards them), so
 * the counters of one test never touch another's.
 */
abstract class LoginThrottleTests extends ApiTestSupport {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@LocalServerPort
	int port;

	@Value("${dakehu.security.max-failed-logins}")
	int perUsername;

	@Value("${dakehu.security.max-failed-logins-per-address}")
	int perAddress;

	@Value("${dakehu.security.slowdown-seconds}")
	int slowdownSeconds;

	@Autowired
	LoginThrottle throttle;

	@Test
	void fiveWrongPasswordsFromOneAddressRefuseTheUsernameThereEvenForTheRightPassword() {
		String user = this.given.kam();
		String address = address();
		assertThat(status(address, user, Api.USER_PASSWORD)).isEqualTo(200);
		for (int attempt = 1; attempt <= this.perUsername; attempt++) {
			assertThat(status(address, user, "wrong-password-" + attempt)).as("wrong attempt %d", attempt)
				.isEqualTo(401);
		}
		assertThat(status(address, user, Api.USER_PASSWORD)).as("right password, remembered, while refused")
			.isEqualTo(401);
		assertThat(SignedIn.attempt(this.port, address, user, Api.USER_PASSWORD)).endsWith("/login?error=locked");
	}

	@Test
	void fourWrongPasswordsDoNotLockAndASuccessResetsTheCount() {
		String user = this.given.kam();
		String address = address();
		for (int attempt = 1; attempt < this.perUsername; attempt++) {
			assertThat(status(address, user, "wrong-password-" + attempt)).isEqualTo(401);
		}
		assertThat(status(address, user, Api.USER_PASSWORD)).isEqualTo(200);
		for (int attempt = 1; attempt < this.perUsername; attempt++) {
			assertThat(status(address, user, "wrong-again-" + attempt)).isEqualTo(401);
		}
		assertThat(status(address, user, Api.USER_PASSWORD)).as("the success in between reset the counter")
			.isEqualTo(200);
	}

	@Test
	void anAttackersFailuresDoNotLockTheUserOutFromTheirOwnAddress() {
		String user = this.given.kam();
		String attacker = address();
		for (int attempt = 1; attempt <= this.perUsername + 3; attempt++) {
			status(attacker, user, "guess-" + attempt);
		}
		assertThat(status(attacker, user, Api.USER_PASSWORD)).as("the attacker's address is refused").isEqualTo(401);
		assertThat(SignedIn.attempt(this.port, address(), user, Api.USER_PASSWORD)).as("the user at their desk")
			.doesNotContain("/login");
	}

	@Test
	void guessesFromManyAddressesSlowTheUsernameDownWithoutLockingItOut() throws InterruptedException {
		String user = this.given.kam();
		for (int attempt = 1; attempt <= this.perUsername + 1; attempt++) {
			assertThat(status(address(), user, "guess-" + attempt)).isEqualTo(401);
		}
		// The last guess took the username's one check of this slowdown period.
		String desk = address();
		assertThat(SignedIn.attempt(this.port, desk, user, Api.USER_PASSWORD)).endsWith("/login?error=locked");
		Thread.sleep(this.slowdownSeconds * 1000L + 300);
		assertThat(SignedIn.attempt(this.port, desk, user, Api.USER_PASSWORD)).as("after the slowdown")
			.doesNotContain("/login");
	}

	@Test
	void concurrentGuessesAreCountedBeforeTheirCheckSoOnlyTheLimitIsChecked() throws Exception {
		String user = this.given.kam();
		String address = address();
		int guesses = 29;
		ExecutorService pool = Executors.newFixedThreadPool(guesses);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < guesses; i++) {
				String guess = "concurrent-guess-" + i;
				answers.add(pool.submit((Callable<String>) () -> {
					start.await();
					return SignedIn.attempt(this.port, address, user, guess);
				}));
			}
			start.countDown();
			int checked = 0;
			int refused = 0;
			for (Future<String> answer : answers) {
				String location = answer.get();
				if (location.endsWith("error=bad")) {
					checked++;
				}
				else if (location.endsWith("error=locked")) {
					refused++;
				}
			}
			assertThat(checked).as("passwords checked").isEqualTo(this.perUsername);
			assertThat(refused).as("refused unchecked").isEqualTo(guesses - this.perUsername);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(SignedIn.attempt(this.port, address, user, Api.USER_PASSWORD)).as("the right one after the burst")
			.endsWith("/login?error=locked");
	}

	@Test
	void aProgramSendingTheRightPasswordOnManyCallsAtOnceIsNeverRefused() throws Exception {
		String user = this.given.kam();
		String address = address();
		int calls = 3 * this.perUsername + 1;
		ExecutorService pool = Executors.newFixedThreadPool(calls);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < calls; i++) {
				answers.add(pool.submit((Callable<Integer>) () -> {
					start.await();
					return status(address, user, Api.USER_PASSWORD);
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
			assertThat(statuses).as("the first calls of a client with the right password, all at once")
				.hasSize(calls)
				.containsOnly(200);
		}
		finally {
			pool.shutdownNow();
		}
		for (int attempt = 1; attempt < this.perUsername; attempt++) {
			assertThat(status(address, user, "wrong-after-" + attempt)).as("wrong attempt %d", attempt).isEqualTo(401);
		}
		assertThat(SignedIn.attempt(this.port, address, user, "wrong-last"))
			.as("the burst counted nothing: the last wrong attempt within the limit is still checked")
			.endsWith("/login?error=bad");
	}

	@Test
	void aPairFoundCleanAMomentAgoIsNotCleanOnceAnAttemptIsCounted() {
		String user = Fixtures.unique("someone");
		String address = address();
		String neighbour = Fixtures.unique("neighbour");
		assertThat(this.throttle.clean(user, address)).isTrue();
		assertThat(this.throttle.clean(neighbour, address)).isTrue();
		assertThat(this.throttle.reserve(user, address)).isTrue();
		assertThat(this.throttle.clean(user, address)).as("the attempt in progress").isFalse();
		assertThat(this.throttle.clean(neighbour, address)).as("the same address, another username").isFalse();
		this.throttle.succeeded(user, address);
		assertThat(this.throttle.clean(user, address)).as("after the success").isTrue();
		assertThat(this.throttle.clean(neighbour, address)).isTrue();
	}

	@Test
	void anAddressThatKeepsFailingIsRefusedForEveryUsername() {
		String address = address();
		for (int attempt = 0; attempt < this.perAddress; attempt++) {
			assertThat(status(address, Fixtures.unique("nobody"), "guess")).isEqualTo(401);
		}
		String user = this.given.kam();
		assertThat(SignedIn.attempt(this.port, address, user, Api.USER_PASSWORD)).endsWith("/login?error=locked");
		assertThat(SignedIn.attempt(this.port, address(), user, Api.USER_PASSWORD)).doesNotContain("/login");
	}

	@Test
	void unknownDeactivatedAndRealUsersGetTheSameAnswers() {
		String real = this.given.kam();
		String deactivated = this.given.kam();
		this.api.get(deactivated, "/api/v1/me").expect(200);
		long id = this.jdbc.sql("select id from app_user where username = ?")
			.param(deactivated)
			.query(Long.class)
			.single();
		SignedIn.as(this.port, Api.ADMIN, Api.ADMIN_PASSWORD)
			.post("/admin/users/" + id + "/deactivate", java.util.Map.of());
		String unknown = Fixtures.unique("nobody");

		assertThat(SignedIn.attempt(this.port, address(), real, "wrong-password")).endsWith("/login?error=bad");
		assertThat(SignedIn.attempt(this.port, address(), unknown, Api.USER_PASSWORD)).endsWith("/login?error=bad");
		assertThat(SignedIn.attempt(this.port, address(), deactivated, Api.USER_PASSWORD))
			.as("the right password of a deactivated user")
			.endsWith("/login?error=bad");
		for (String name : new String[] { real, unknown, deactivated }) {
			String address = address();
			for (int attempt = 1; attempt <= this.perUsername; attempt++) {
				assertThat(SignedIn.attempt(this.port, address, name, "wrong-" + attempt)).endsWith("/login?error=bad");
			}
			assertThat(SignedIn.attempt(this.port, address, name, "wrong-again")).as(name)
				.endsWith("/login?error=locked");
		}
	}

	@Test
	void aPasswordPastBcryptsLimitIsWrongNotAnError() {
		String user = this.given.kam();
		assertThat(status(address(), user, "长".repeat(30))).isEqualTo(401);
		assertThat(status(address(), user, Api.USER_PASSWORD + "x".repeat(100))).isEqualTo(401);
	}

	@Test
	void anAdministratorsResetLetsARefusedUserStraightBackIn() {
		String user = this.given.kam();
		String address = address();
		for (int attempt = 1; attempt <= this.perUsername; attempt++) {
			status(address, user, "wrong-" + attempt);
		}
		assertThat(status(address, user, Api.USER_PASSWORD)).isEqualTo(401);
		long id = this.jdbc.sql("select id from app_user where username = ?").param(user).query(Long.class).single();
		String fresh = "Fresh-" + Fixtures.unique("pw");
		SignedIn.as(this.port, Api.ADMIN, Api.ADMIN_PASSWORD)
			.post("/admin/users/" + id + "/password", java.util.Map.of("password", fresh));
		assertThat(status(address, user, fresh)).isEqualTo(200);
	}

	private int status(String address, String user, String password) {
		return this.api.sendFrom(address, user, password, "GET", "/api/v1/me").status();
	}

	/** A client address no other test uses (TEST-NET-2, 198.51.100.0/24, and beyond). */
	private static String address() {
		int n = ADDRESSES.incrementAndGet();
		return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
	}

}
