package io.dakehu.account;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.context.ApplicationEventPublisher;
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

	private final ApplicationEventPublisher publisher;

	private final AccountEvents events;

	private final AccountCustomFields customFields;

	private final AccountLocks locks;

	private final NewAccounts newAccounts;

	AccountService(AccountRepository accounts, AccountQueries queries, Users users, AuditTrail audit,
			AccountTally tally, Clock clock, ApplicationEventPublisher publisher, AccountEvents events,
			AccountCustomFields customFields, AccountLocks locks, NewAccounts newAccounts) {
		this.locks = locks;
		this.newAccounts = newAccounts;
		this.events = events;
		this.customFields = customFields;
		this.accounts = accounts;
		this.queries = queries;
		this.users = users;
		this.audit = audit;
		this.tally = tally;
		this.clock = clock;
		this.publisher = publisher;
	}

	/**
	 * Opens an account after checking that it duplicates no stored one (by folded name or
	 * registration id, see {@link AccountNames}).
	 * @param force create it although its name matches a stored account's, as the user
	 * decided after the warning; a registration id stays unique regardless
	 * @throws DuplicateAccountException naming the matches the user should look at first
	 */
	public AccountDetails open(CurrentUser editor, AccountInput input, boolean force) {
		this.locks.lockKeys(AccountNames.matchKey(input.name()), registrationKey(input.registrationId()));
		List<DuplicateAccountException.AccountMatch> matches = this.queries.duplicates(editor.scope(), input.name(),
				input.registrationId());
		if (!matches.isEmpty()) {
			DuplicateAccountException duplicate = new DuplicateAccountException(matches);
			if (!force || !duplicate.forcible()) {
				throw duplicate;
			}
		}
		Account account = opened(new Lookups(editor), input, now());
		checkRegistrationId(account, 0L);
		Map<String, Object> custom = this.customFields.checked(input, null);
		account = this.accounts.save(account);
		if (!custom.isEmpty()) {
			this.customFields.write(account.id(), custom);
		}
		this.tally.add(account.ownerId(), false, 1);
		this.audit.created("Account", account.id(), account.id(),
				this.customFields.audited(account.auditValues(), custom));
		this.events.created(account);
		this.publisher.publishEvent(new AccountsChanged(Set.of(account.id())));
		return this.queries.details(account);
	}

	/**
	 * Opens many accounts at once with the rules of {@link #open}, for imports: each
	 * owner, parent and team member is looked up once per call, the registration ids with
	 * one query, and the accounts (copied on PostgreSQL, {@link NewAccounts}), their
	 * audit entries and the tallies are written in a few statements instead of several
	 * round trips per account. Nothing is read back.
	 * @return the new accounts, in the order of the inputs
	 */
	public List<AccountRef> openAll(CurrentUser editor, List<AccountInput> inputs) {
		if (inputs.isEmpty()) {
			return List.of();
		}
		Lookups lookups = new Lookups(editor);
		LocalDateTime now = now();
		List<Account> opened = new ArrayList<>(inputs.size());
		for (AccountInput input : inputs) {
			opened.add(opened(lookups, input, now));
		}
		checkRegistrationIds(opened);
		List<Map<String, Object>> custom = this.customFields.checkedAll(inputs);
		List<Account> saved = this.newAccounts.write(opened);
		this.customFields.writeAll(saved.stream().map(Account::id).toList(), custom);
		Map<Long, Integer> perOwner = new HashMap<>();
		List<AuditTrail.Created> created = new ArrayList<>(saved.size());
		List<AccountRef> refs = new ArrayList<>(saved.size());
		for (int i = 0; i < saved.size(); i++) {
			Account account = saved.get(i);
			perOwner.merge(account.ownerId(), 1, Integer::sum);
			created.add(new AuditTrail.Created(account.id(), account.id(),
					this.customFields.audited(account.auditValues(), custom.get(i))));
			refs.add(new AccountRef(account.id(), account.name(), account.ownerId()));
			this.events.created(account);
		}
		perOwner.forEach((ownerId, count) -> this.tally.add(ownerId, false, count));
		this.audit.createdAll("Account", created);
		this.publisher.publishEvent(new AccountsChanged(refs.stream().map(AccountRef::id).collect(Collectors.toSet())));
		return refs;
	}

	public AccountDetails update(CurrentUser editor, long id, Integer expectedVersion, AccountInput input) {
		Account account = load(editor, id);
		account.requireLive();
		StaleEditException.check("Account", id, expectedVersion, account.version());
		Map<String, Object> customBefore = this.customFields.of(id);
		Map<String, Object> before = this.customFields.audited(account.auditValues(), customBefore);
		Map<String, Object> custom = this.customFields.checked(input, id);
		Long previousOwner = account.ownerId();
		account.keepStatus(input.status());
		Lookups lookups = new Lookups(editor);
		account.rename(input.name());
		if (StringUtils.hasText(input.owner())) {
			account.assignOwner(lookups.owner(input.owner()), now());
		}
		if (!java.util.Objects.equals(account.ownerId(), previousOwner)) {
			this.tally.add(previousOwner, account.archived(), -1);
			this.tally.add(account.ownerId(), account.archived(), 1);
		}
		apply(lookups, account, input);
		this.locks.lockKeys(registrationKey(account.registrationId()));
		checkRegistrationId(account, id);
		account.touch(now());
		account = this.accounts.save(account);
		if (!custom.equals(customBefore)) {
			this.customFields.write(id, custom);
		}
		Map<String, Object> after = this.customFields.audited(account.auditValues(), custom);
		this.audit.changed("Account", id, id, before, after);
		this.events.changed(id, before, after);
		this.publisher.publishEvent(new AccountsChanged(Set.of(id)));
		return this.queries.details(account);
	}

	/**
	 * Places an account under a parent (or at the top with {@code null}), with the same
	 * checks as an edit: both visible to the editor, no loop. Used by imports, which
	 * learn the whole hierarchy only after every account of a file exists.
	 */
	public void placeUnder(CurrentUser editor, long id, Long parentId) {
		Account account = load(editor, id);
		account.requireLive();
		Map<String, Object> before = account.auditValues();
		account.moveUnder(checkedParent(new Lookups(editor), account, parentId));
		account.touch(now());
		this.accounts.save(account);
		Map<String, Object> after = account.auditValues();
		this.audit.changed("Account", id, id, before, after);
		this.events.changed(id, before, after);
	}

	/**
	 * Records a person's decision that a customer is lost, with its churn reason: the one
	 * way into LOST. A later purchase brings the account back (see
	 * {@link AccountLifecycle}).
	 */
	public AccountDetails markLost(CurrentUser editor, long id, Integer expectedVersion, ChurnReason reason) {
		Account account = load(editor, id);
		account.requireLive();
		StaleEditException.check("Account", id, expectedVersion, account.version());
		Map<String, Object> before = account.auditValues();
		LocalDateTime now = now();
		account.markLost(reason, now.toLocalDate());
		account.touch(now);
		account = this.accounts.save(account);
		Map<String, Object> after = account.auditValues();
		this.audit.changed("Account", id, id, before, after);
		this.events.changed(id, before, after);
		return this.queries.details(account);
	}

	public void archive(CurrentUser editor, long id) {
		Account account = load(editor, id);
		account.requireLive();
		if (account.archived()) {
			return;
		}
		Map<String, Object> before = account.auditValues();
		account.archive();
		this.tally.add(account.ownerId(), false, -1);
		this.tally.add(account.ownerId(), true, 1);
		account.touch(now());
		this.accounts.save(account);
		Map<String, Object> after = account.auditValues();
		this.audit.changed("Account", id, id, before, after);
		this.events.changed(id, before, after);
		this.publisher.publishEvent(new AccountsChanged(Set.of(id)));
	}

	public void restore(CurrentUser editor, long id) {
		Account account = load(editor, id);
		account.requireLive();
		if (!account.archived()) {
			return;
		}
		Map<String, Object> before = account.auditValues();
		account.restore();
		this.tally.add(account.ownerId(), true, -1);
		this.tally.add(account.ownerId(), false, 1);
		account.touch(now());
		this.accounts.save(account);
		Map<String, Object> after = account.auditValues();
		this.audit.changed("Account", id, id, before, after);
		this.events.changed(id, before, after);
		this.publisher.publishEvent(new AccountsChanged(Set.of(id)));
	}

	/**
	 * Merges one account into another: the absorbed account's contacts, activities,
	 * purchases, opportunities, assessments, buying roles and history move to the
	 * survivor (each module moves its own rows on {@link AccountsMerged}, in this
	 * transaction), its subsidiaries move under the survivor, its owner and team join the
	 * survivor's team, and blank fields of the survivor take the absorbed account's
	 * values. The absorbed account stays as an archived tombstone that points at the
	 * survivor. The merge is audited on the survivor.
	 * @param expectedVersion the absorbed account's version as the caller saw it; null
	 * not to check
	 * @throws NotFoundException when the editor may not edit the absorbed account
	 * @throws RuleViolationException when the survivor is the same account, outside the
	 * editor's scope, or either is a tombstone already
	 */
	public AccountDetails merge(CurrentUser editor, long absorbedId, long survivorId, Integer expectedVersion) {
		Account absorbed = load(editor, absorbedId);
		if (absorbedId == survivorId) {
			throw new RuleViolationException("into", "validation.mergeIntoItself");
		}
		Account survivor;
		try {
			survivor = load(editor, survivorId);
		}
		catch (NotFoundException ex) {
			throw new RuleViolationException("into", "validation.unknownAccount", survivorId);
		}
		if (absorbed.mergedInto() != null || survivor.mergedInto() != null) {
			throw new RuleViolationException("into", "validation.mergedAlready");
		}
		StaleEditException.check("Account", absorbedId, expectedVersion, absorbed.version());
		LocalDateTime now = now();
		Map<String, Object> survivorCustom = this.customFields.of(survivorId);
		Map<String, Object> survivorBefore = this.customFields.audited(survivor.auditValues(), survivorCustom);
		// Custom values follow the built-in fields' rule: the survivor's own stay, and
		// the absorbed account's fill the keys the survivor has none for.
		Map<String, Object> carried = new LinkedHashMap<>(survivorCustom);
		this.customFields.of(absorbedId).forEach(carried::putIfAbsent);
		if (!carried.equals(survivorCustom)) {
			this.customFields.write(survivorId, carried);
		}
		if (isDescendant(survivor, absorbedId)) {
			// Its subsidiaries are about to move under the survivor: the survivor first
			// leaves the absorbed account's subtree, so no loop can form.
			survivor.moveUnder(absorbed.parentId());
		}
		Set<Long> team = new HashSet<>(survivor.teamUserIds());
		team.addAll(absorbed.teamUserIds());
		if (absorbed.ownerId() != null) {
			team.add(absorbed.ownerId());
		}
		survivor.shareWith(team);
		survivor.fillBlanksFrom(absorbed);
		survivor.touch(now);
		for (Account child : this.accounts.findByParentId(absorbedId)) {
			if (child.id() != survivorId) {
				Map<String, Object> before = child.auditValues();
				child.moveUnder(survivorId);
				child.touch(now);
				this.accounts.save(child);
				this.audit.changed("Account", child.id(), child.id(), before, child.auditValues());
			}
		}
		this.publisher.publishEvent(new AccountsMerged(absorbedId, survivorId));
		this.events.merged(absorbedId, survivorId);
		// The absorbed account's history becomes the survivor's; its tombstone entry
		// below stays with the tombstone.
		this.audit.moveAccount(absorbedId, survivorId);
		Map<String, Object> absorbedBefore = absorbed.auditValues();
		this.tally.add(absorbed.ownerId(), absorbed.archived(), -1);
		absorbed.absorbInto(survivorId);
		absorbed.touch(now);
		this.accounts.save(absorbed);
		Map<String, Object> tombstone = new HashMap<>(absorbed.auditValues());
		tombstone.put("mergedInto", survivor.name() + " (#" + survivorId + ")");
		this.audit.changed("Account", absorbedId, absorbedId, absorbedBefore, tombstone);
		survivor = this.accounts.save(survivor);
		Map<String, Object> survivorAfter = new HashMap<>(this.customFields.audited(survivor.auditValues(), carried));
		survivorAfter.put("mergedFrom", absorbed.name() + " (#" + absorbedId + ")");
		this.audit.changed("Account", survivorId, survivorId, survivorBefore, survivorAfter);
		this.publisher.publishEvent(new AccountsChanged(Set.of(absorbedId, survivorId)));
		return this.queries.details(survivor);
	}

	private boolean isDescendant(Account account, long ancestorId) {
		Long parent = account.parentId();
		for (int depth = 0; parent != null && depth <= MAX_HIERARCHY_DEPTH; depth++) {
			if (parent == ancestorId) {
				return true;
			}
			parent = this.accounts.findById(parent).map(Account::parentId).orElse(null);
		}
		return false;
	}

	private Account load(CurrentUser editor, long id) {
		this.queries.requireVisible(editor.scope(), id);
		return this.accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
	}

	/**
	 * A new account from the input, checked as far as it can be alone: the registration
	 * id's uniqueness is for the caller, who may check many at once.
	 */
	private Account opened(Lookups lookups, AccountInput input, LocalDateTime now) {
		Account account = Account.open(input.name(), lookups.owner(input.owner()), now);
		account.startAs(input.status());
		apply(lookups, account, input);
		return account;
	}

	private void apply(Lookups lookups, Account account, AccountInput input) {
		account.describe(trim(input.registrationId()), trim(input.industry()), trim(input.region()),
				trim(input.address()), input.employees(), input.annualRevenue(), trim(input.description()));
		account.classify(input.keyAccountType(), input.relationshipType(), input.salesApproach());
		if (input.channelPartner() != null) {
			account.markChannelPartner(input.channelPartner());
		}
		account.moveUnder(checkedParent(lookups, account, input.parentId()));
		if (input.team() != null) {
			account.shareWith(teamIds(lookups, input.team()));
		}
	}

	private Long checkedParent(Lookups lookups, Account account, Long parentId) {
		if (parentId == null) {
			return null;
		}
		if (account.id() != null && parentId.equals(account.id())) {
			throw new RuleViolationException("parentId", "validation.parentCycle");
		}
		lookups.requireVisibleParent(parentId);
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

	private static Set<Long> teamIds(Lookups lookups, List<String> usernames) {
		Set<Long> ids = new HashSet<>();
		for (String username : usernames) {
			if (StringUtils.hasText(username)) {
				ids.add(lookups.teamMember(username.strip()));
			}
		}
		return ids;
	}

	private void checkRegistrationId(Account account, long exceptId) {
		if (account.registrationId() != null
				&& this.accounts.countOthersWithRegistrationId(account.registrationId(), exceptId) > 0) {
			throw duplicateRegistrationId(account.registrationId());
		}
	}

	/**
	 * The rule of {@link #checkRegistrationId} for accounts not stored yet, with one
	 * query: none may share a registration id with a stored account or with another of
	 * them.
	 */
	private void checkRegistrationIds(List<Account> opened) {
		Set<String> registrationIds = new HashSet<>();
		for (Account account : opened) {
			if (account.registrationId() != null && !registrationIds.add(account.registrationId())) {
				throw duplicateRegistrationId(account.registrationId());
			}
		}
		if (!registrationIds.isEmpty()) {
			this.queries.registrationIdsLastWritten(registrationIds)
				.keySet()
				.stream()
				.findFirst()
				.ifPresent((taken) -> {
					throw duplicateRegistrationId(taken);
				});
		}
	}

	/**
	 * A registration id as a key of {@link AccountLocks#lockKeys}, apart from the names'
	 * keys.
	 */
	private static String registrationKey(String registrationId) {
		return StringUtils.hasText(registrationId) ? "registration " + registrationId.strip() : null;
	}

	private static RuleViolationException duplicateRegistrationId(String registrationId) {
		return new RuleViolationException("registrationId", "validation.duplicate", registrationId);
	}

	private static String trim(String value) {
		return StringUtils.hasText(value) ? value.strip() : null;
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock);
	}

	/**
	 * The users and parent accounts one call names, each looked up once: an import names
	 * the same owner on thousands of rows.
	 */
	private final class Lookups {

		private final CurrentUser editor;

		private final Map<String, Long> owners = new HashMap<>();

		private final Map<String, Long> teamMembers = new HashMap<>();

		private final Set<Long> visibleParents = new HashSet<>();

		Lookups(CurrentUser editor) {
			this.editor = editor;
		}

		/**
		 * A KAM may only give accounts to themselves and a MANAGER only to their team, so
		 * nobody can push an account out of their own sight by accident.
		 */
		long owner(String username) {
			if (!StringUtils.hasText(username)) {
				return this.editor.id();
			}
			return this.owners.computeIfAbsent(username.strip(), (name) -> {
				UserSummary owner = AccountService.this.users.requireActive(name, "owner");
				if (!this.editor.scope().all() && !this.editor.scope().ownerIds().contains(owner.id())) {
					throw new RuleViolationException("owner", "validation.ownerOutsideScope", username);
				}
				return owner.id();
			});
		}

		long teamMember(String username) {
			return this.teamMembers.computeIfAbsent(username,
					(name) -> AccountService.this.users.requireActive(name, "team").id());
		}

		void requireVisibleParent(long parentId) {
			if (this.visibleParents.contains(parentId)) {
				return;
			}
			try {
				AccountService.this.queries.requireVisible(this.editor.scope(), parentId);
			}
			catch (NotFoundException ex) {
				throw new RuleViolationException("parentId", "validation.unknownAccount", parentId);
			}
			this.visibleParents.add(parentId);
		}

	}

}
