package io.dakehu.account;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Opening, editing and archiving accounts. Every change is checked against the editor's
 * record scope, the hierarchy rules and the version they last saw, and written to the
 * audit trail in the same transaction.
 */
@Service
@Transactional
public class AccountService {

	private static final int MAX_HIERARCHY_DEPTH = 50;

	private final AccountRepository accounts;

	private final AccountQueries queries;

	private final Users users;

	private final AuditTrail audit;

	private final AccountTally tally;

	private final Clock clock;

	AccountService(AccountRepository accounts, AccountQueries queries, Users users, AuditTrail audit,
			AccountTally tally, Clock clock) {
		this.accounts = accounts;
		this.queries = queries;
		this.users = users;
		this.audit = audit;
		this.tally = tally;
		this.clock = clock;
	}

	public AccountDetails open(CurrentUser editor, AccountInput input) {
		long ownerId = ownerFor(editor, input.owner());
		Account account = Account.open(input.name(), ownerId, now());
		apply(editor, account, input);
		checkRegistrationId(account, 0L);
		account = this.accounts.save(account);
		this.tally.add(account.ownerId(), false, 1);
		this.audit.created("Account", account.id(), account.id(), account.auditValues());
		return this.queries.details(account);
	}

	public AccountDetails update(CurrentUser editor, long id, Integer expectedVersion, AccountInput input) {
		Account account = load(editor, id);
		StaleEditException.check("Account", id, expectedVersion, account.version());
		Map<String, Object> before = account.auditValues();
		long previousOwner = account.ownerId();
		account.rename(input.name());
		if (StringUtils.hasText(input.owner())) {
			account.assignOwner(ownerFor(editor, input.owner()));
		}
		if (account.ownerId() != previousOwner) {
			this.tally.add(previousOwner, account.archived(), -1);
			this.tally.add(account.ownerId(), account.archived(), 1);
		}
		apply(editor, account, input);
		checkRegistrationId(account, id);
		account.touch(now());
		account = this.accounts.save(account);
		this.audit.changed("Account", id, id, before, account.auditValues());
		return this.queries.details(account);
	}

	/**
	 * Places an account under a parent (or at the top with {@code null}), with the same
	 * checks as an edit: both visible to the editor, no loop. Used by imports, which
	 * learn the whole hierarchy only after every account of a file exists.
	 */
	public void placeUnder(CurrentUser editor, long id, Long parentId) {
		Account account = load(editor, id);
		Map<String, Object> before = account.auditValues();
		account.moveUnder(checkedParent(editor, account, parentId));
		account.touch(now());
		this.accounts.save(account);
		this.audit.changed("Account", id, id, before, account.auditValues());
	}

	public void archive(CurrentUser editor, long id) {
		Account account = load(editor, id);
		if (account.archived()) {
			return;
		}
		Map<String, Object> before = account.auditValues();
		account.archive();
		this.tally.add(account.ownerId(), false, -1);
		this.tally.add(account.ownerId(), true, 1);
		account.touch(now());
		this.accounts.save(account);
		this.audit.changed("Account", id, id, before, account.auditValues());
	}

	public void restore(CurrentUser editor, long id) {
		Account account = load(editor, id);
		if (!account.archived()) {
			return;
		}
		Map<String, Object> before = account.auditValues();
		account.restore();
		this.tally.add(account.ownerId(), true, -1);
		this.tally.add(account.ownerId(), false, 1);
		account.touch(now());
		this.accounts.save(account);
		this.audit.changed("Account", id, id, before, account.auditValues());
	}

	private Account load(CurrentUser editor, long id) {
		this.queries.requireVisible(editor.scope(), id);
		return this.accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
	}

	private void apply(CurrentUser editor, Account account, AccountInput input) {
		account.describe(trim(input.registrationId()), trim(input.industry()), trim(input.region()),
				trim(input.address()), input.employees(), input.annualRevenue(), trim(input.description()));
		account.classify(input.keyAccountType(), input.relationshipType(), input.salesApproach(), input.status());
		account.moveUnder(checkedParent(editor, account, input.parentId()));
		if (input.team() != null) {
			account.shareWith(teamIds(input.team()));
		}
	}

	/**
	 * A KAM may only give accounts to themselves and a MANAGER only to their team, so
	 * nobody can push an account out of their own sight by accident.
	 */
	private long ownerFor(CurrentUser editor, String username) {
		if (!StringUtils.hasText(username)) {
			return editor.id();
		}
		UserSummary owner = this.users.requireActive(username.strip(), "owner");
		if (!editor.scope().all() && !editor.scope().ownerIds().contains(owner.id())) {
			throw new RuleViolationException("owner", "validation.ownerOutsideScope", username);
		}
		return owner.id();
	}

	private Long checkedParent(CurrentUser editor, Account account, Long parentId) {
		if (parentId == null) {
			return null;
		}
		if (account.id() != null && parentId.equals(account.id())) {
			throw new RuleViolationException("parentId", "validation.parentCycle");
		}
		try {
			this.queries.requireVisible(editor.scope(), parentId);
		}
		catch (NotFoundException ex) {
			throw new RuleViolationException("parentId", "validation.unknownAccount", parentId);
		}
		if (account.id() != null) {
			// Walk up from the new parent: meeting this account on the way means the move
			// would close a loop.
			Long ancestor = parentId;
			for (int depth = 0; ancestor != null; depth++) {
				if (ancestor.equals(account.id()) || depth > MAX_HIERARCHY_DEPTH) {
					throw new RuleViolationException("parentId", "validation.parentCycle");
				}
				ancestor = this.accounts.findById(ancestor).map(Account::parentId).orElse(null);
			}
		}
		return parentId;
	}

	private Set<Long> teamIds(List<String> usernames) {
		Set<Long> ids = new HashSet<>();
		for (String username : usernames) {
			if (StringUtils.hasText(username)) {
				ids.add(this.users.requireActive(username.strip(), "team").id());
			}
		}
		return ids;
	}

	private void checkRegistrationId(Account account, long exceptId) {
		if (account.registrationId() != null
				&& this.accounts.countOthersWithRegistrationId(account.registrationId(), exceptId) > 0) {
			throw new RuleViolationException("registrationId", "validation.duplicate", account.registrationId());
		}
	}

	private static String trim(String value) {
		return StringUtils.hasText(value) ? value.strip() : null;
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock);
	}

}
