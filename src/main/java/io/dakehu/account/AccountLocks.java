package io.dakehu.account;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account's row lock, for another module's rule that spans all of an account's
 * records: two contracts of one account activated at once must not both pass the credit
 * limit, which each checks against the other's receivables. Whoever takes the lock first
 * decides; the other waits until that transaction ends and then reads what it wrote.
 */
@Component
public class AccountLocks {

	private final JdbcClient jdbc;

	AccountLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the account's row until the caller's transaction ends; an account that does
	 * not exist locks nothing.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(long accountId) {
		this.jdbc.sql("select id from account where id = :id for update")
			.param("id", accountId)
			.query(Long.class)
			.list();
	}

}
