package io.dakehu.identity;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes an administrator's change to a user bite at once: the user's signed-in sessions
 * are deleted from the shared session table (so every instance sees them gone on the next
 * request), and the remembered sign-in state and verified passwords are forgotten once
 * the change is committed (forgetting them earlier would let a concurrent request read
 * and remember the old row again).
 */
@Component
class SignInRevocation {

	private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

	private final SignInStates states;

	private final CachingPasswordAuthentication passwords;

	/**
	 * @param sessions the shared session store; absent only when the application runs
	 * without a web server (a command-line import), where there are no sessions to end
	 */
	SignInRevocation(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions, SignInStates states,
			CachingPasswordAuthentication passwords) {
		this.sessions = sessions;
		this.states = states;
		this.passwords = passwords;
	}

	/**
	 * The user's rights or password changed: end every session, forget what was known.
	 */
	void endSessions(String username) {
		this.sessions.ifAvailable((store) -> {
			for (String id : store.findByPrincipalName(username).keySet()) {
				store.deleteById(id);
			}
		});
		forget(username);
	}

	/**
	 * The user row changed in a way that leaves sessions valid (their own new password, a
	 * new team).
	 */
	void forget(String username) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					evict(username);
				}
			});
		}
		else {
			evict(username);
		}
	}

	private void evict(String username) {
		this.states.evict(username);
		this.passwords.forget(username);
	}

}
