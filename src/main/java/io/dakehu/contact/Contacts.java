package io.dakehu.contact;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.dakehu.account.AccountBookSql;
import io.dakehu.account.AccountNameSql;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.RecordType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserNameSql;
import io.dakehu.identity.Users;
import io.dakehu.shared.NameSearch;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Adding, editing and reading the contacts of an account. A contact is visible exactly
 * when its account is.
 */
@Service
@Transactional
public class Contacts {

	private static final int MAX_CHAIN = 100;

	private final ContactRepository contacts;

	private final AccountQueries accounts;

	private final AuditTrail audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Users users;

	/**
	 * Whether the pool's accounts show their contacts without phone numbers until someone
	 * claims the account (decision 0032): the pool shows whom to approach, not a list to
	 * call.
	 */
	private final boolean poolHidesPhones;

	private final CustomFields customFields;

	private final NameSearch nameSearch;

	private final ContactBooks books;

	Contacts(ContactRepository contacts, AccountQueries accounts, AuditTrail audit, JdbcClient jdbc, Clock clock,
			Users users, @Value("${dakehu.pool.hide-contact-phones:true}") boolean poolHidesPhones,
			CustomFields customFields, NameSearch nameSearch, ContactBooks books) {
		this.books = books;
		this.customFields = customFields;
		this.nameSearch = nameSearch;
		this.poolHidesPhones = poolHidesPhones;
		this.contacts = contacts;
		this.accounts = accounts;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
		this.users = users;
	}

	/**
	 * Records a person's place in the account's buying center: roles, influence,
	 * attitude, our personal relationship level and its owner. Replaces what was there.
	 * @throws RuleViolationException on the field out of range or naming no active user
	 */
	public BuyingCenterMember placeInBuyingCenter(CurrentUser editor, long id, BuyingRoleInput input) {
		Contact contact = load(editor.scope(), id);
		if (input.version() != null) {
			StaleEditException.check("Contact", id, input.version(), contact.version());
		}
		checkRange("influence", input.influence(), 1, 5);
		checkRange("personalLevel", input.personalLevel(), 0, 5);
		Long ownerId = StringUtils.hasText(input.relationshipOwner())
				? this.users.requireActive(input.relationshipOwner().strip(), "relationshipOwner").id() : null;
		Map<String, Object> before = contact.auditValues();
		contact.takePartInBuying(input.roles(), input.influence(), input.attitude(), input.personalLevel(), ownerId);
		this.contacts.save(contact);
		this.audit.changed("Contact", id, contact.accountId(), before, contact.auditValues());
		return buyingCenterOf(List.of(contact.accountId())).get(contact.accountId())
			.stream()
			.filter((member) -> member.contactId() == id)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Everyone at the account with their buying-center role (or none), by name.
	 * @throws NotFoundException when the account lies outside the scope
	 */
	@Transactional(readOnly = true)
	public List<BuyingCenterMember> buyingCenter(RecordScope scope, long accountId) {
		this.accounts.requireVisible(scope, accountId);
		return buyingCenterOf(List.of(accountId)).getOrDefault(accountId, List.of());
	}

	/**
	 * The buying centers of several accounts in one query, for lists across a portfolio.
	 * The caller has already limited the ids to the reader's scope.
	 */
	@Transactional(readOnly = true)
	public Map<Long, List<BuyingCenterMember>> buyingCenterOf(Collection<Long> accountIds) {
		if (accountIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, List<BuyingCenterMember>> byAccount = new HashMap<>();
		this.jdbc.sql("""
				select c.id, c.account_id, c.name, c.title, c.department, c.reports_to_id, c.buying_roles, c.influence,
				       c.attitude, c.personal_level, c.relationship_owner_id, %s, %s, c.version
				from contact c%s
				where c.account_id in (:accounts) order by c.name, c.id""".formatted(UserNameSql.username("u"),
				UserNameSql.displayName("u"), UserNameSql.join("u", "c.relationship_owner_id")))
			.param("accounts", Set.copyOf(accountIds))
			.query((rs, n) -> new BuyingCenterMember(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getObject(6, Long.class), Contact.decode(rs.getString(7)),
					rs.getObject(8, Integer.class),
					(rs.getString(9) != null) ? Attitude.valueOf(rs.getString(9)) : null,
					rs.getObject(10, Integer.class), rs.getObject(11, Long.class), rs.getString(12), rs.getString(13),
					rs.getInt(14)))
			.list()
			.forEach((member) -> byAccount.computeIfAbsent(member.accountId(), (k) -> new ArrayList<>()).add(member));
		return byAccount;
	}

	private static void checkRange(String field, Integer value, int min, int max) {
		if (value != null && (value < min || value > max)) {
			throw new RuleViolationException(field, "validation.between", min, max);
		}
	}

	public ContactView add(CurrentUser editor, long accountId, ContactInput input) {
		this.accounts.requireVisible(editor.scope(), accountId);
		Contact contact = Contact.at(accountId, LocalDateTime.now(this.clock));
		describe(contact, input);
		contact.reportTo(checkedManager(contact, input.reportsToId()));
		Map<String, Object> custom = this.customFields.checked(RecordType.CONTACT, input.customFields(), Map.of(),
				true);
		contact = this.contacts.save(contact);
		// The aggregate does not hold the book (an account's column, copied): the new
		// row is put in its account's.
		this.books.placeAt(accountId);
		if (!custom.isEmpty()) {
			writeCustomFields(contact.id(), custom);
		}
		this.audit.created("Contact", contact.id(), accountId, audited(contact.auditValues(), custom));
		return view(contact.id());
	}

	public ContactView update(CurrentUser editor, long id, Integer expectedVersion, ContactInput input) {
		Contact contact = load(editor.scope(), id);
		if (expectedVersion == null) {
			throw new RuleViolationException("version", "validation.versionRequired");
		}
		StaleEditException.check("Contact", id, expectedVersion, contact.version());
		Map<String, Object> customBefore = view(id).customFields();
		Map<String, Object> before = audited(contact.auditValues(), customBefore);
		describe(contact, input);
		contact.reportTo(checkedManager(contact, input.reportsToId()));
		Map<String, Object> custom = this.customFields.checked(RecordType.CONTACT, input.customFields(), customBefore,
				false);
		contact = this.contacts.save(contact);
		if (!custom.equals(customBefore)) {
			writeCustomFields(id, custom);
		}
		this.audit.changed("Contact", id, contact.accountId(), before, audited(contact.auditValues(), custom));
		return view(id);
	}

	/**
	 * Removes a contact; the people who reported to them keep their place in the account
	 * without a manager.
	 */
	public void remove(CurrentUser editor, long id) {
		Contact contact = load(editor.scope(), id);
		this.contacts.detachReports(id);
		this.contacts.delete(contact);
		this.audit.deleted("Contact", id, contact.accountId(), contact.auditValues());
	}

	@Transactional(readOnly = true)
	public ContactView get(RecordScope scope, long id) {
		load(scope, id);
		return view(id);
	}

	/**
	 * The account's people, for readers who may at least read the account: a deal's owner
	 * sees the contacts of the deal's account (decision 0017).
	 */
	@Transactional(readOnly = true)
	public List<ContactView> forAccount(RecordScope scope, long accountId) {
		return forAccount(scope, accountId, Map.of());
	}

	/**
	 * The account's people whose custom fields hold the wanted values (value by key, as
	 * {@link CustomFields#filter} matches them); all of them when none is wanted.
	 */
	@Transactional(readOnly = true)
	public List<ContactView> forAccount(RecordScope scope, long accountId, Map<String, String> wanted) {
		AccountRef account = this.accounts.requireReadable(scope, accountId);
		CustomFields.Filter filter = this.customFields.filter(RecordType.CONTACT, "c.custom_fields", wanted);
		List<ContactView> contacts = this.jdbc
			.sql(VIEW_SQL + " where c.account_id = :account" + ((filter != null) ? " and " + filter.condition() : "")
					+ " order by c.name")
			.param("account", accountId)
			.params((filter != null) ? filter.params() : Map.of())
			.query(this::row)
			.list();
		if (account.ownerId() == null && this.poolHidesPhones) {
			return contacts.stream()
				.map((c) -> new ContactView(c.id(), c.accountId(), c.name(), c.title(), c.department(), c.reportsToId(),
						c.reportsToName(), null, c.email(), c.birthday(), c.notes(), c.version(), c.customFields()))
				.toList();
		}
		return contacts;
	}

	/**
	 * Contacts at the live accounts of a book whose birthday falls on one of the given
	 * days of the year, for the contact plan (DOMAIN.md §10.2), by account then name.
	 * @param ownerIds only these owners' accounts; null for every account in the scope
	 * @param monthDays days of the year as {@code month * 100 + day} (0315 for 15 March)
	 */
	@Transactional(readOnly = true)
	public List<Birthday> birthdays(RecordScope scope, Collection<Long> ownerIds, Collection<Integer> monthDays,
			int limit) {
		if (monthDays.isEmpty()) {
			return List.of();
		}
		AccountBookSql book = AccountBookSql.of(scope, ownerIds);
		return this.jdbc.sql("""
				select c.id, c.name, b.account_id, b.account_name, c.birthday
				from contact c join %s b on b.account_id = c.account_id
				where c.birthday is not null
				  and extract(month from c.birthday) * 100 + extract(day from c.birthday) in (:monthDays)
				order by b.account_name, c.name, c.id limit :limit""".formatted(book.table()))
			.params(book.params())
			.param("monthDays", Set.copyOf(monthDays))
			.param("limit", limit)
			.query((rs, n) -> new Birthday(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
					rs.getDate(5).toLocalDate()))
			.list();
	}

	/** A contact's birthday, with the account they work at. */
	public record Birthday(long contactId, String contactName, long accountId, String accountName, LocalDate birthday) {
	}

	/**
	 * Every contact at an account the reader may see, archived accounts included (their
	 * people stay readable), by account name then contact name. Each is handed over with
	 * its account's name as the database returns it, so an export of many thousands never
	 * holds them all.
	 */
	@Transactional(readOnly = true)
	public void forEachVisible(RecordScope scope, BiConsumer<String, ContactView> each) {
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "c.account_id");
		// Every contact has an account, so the account's left join keeps every row.
		this.jdbc
			.sql("""
					select c.id, c.account_id, c.name, c.title, c.department, c.reports_to_id, m.name, c.phone, c.email,
					       c.birthday, c.notes, c.version, c.custom_fields, %1$s
					from contact c%2$s left join contact m on m.id = c.reports_to_id
					where %3$s order by %1$s, c.name, c.id""".formatted(AccountNameSql.name("a"),
					AccountNameSql.join("a", "c.account_id"), scopeSql.condition()))
			.params(scopeSql.params())
			.withFetchSize(500)
			.query((java.sql.ResultSet rs) -> {
				each.accept(rs.getString(14), row(rs, 0));
			});
	}

	/**
	 * Contacts whose name contains the text, whatever the letter case, at accounts the
	 * reader may see, for pickers: at one account when {@code accountId} is given (an
	 * activity's participants), else at any, by name.
	 * @throws NotFoundException when the account is given but out of the reader's scope
	 */
	@Transactional(readOnly = true)
	public List<ContactView> search(RecordScope scope, Long accountId, String text, int limit) {
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "c.account_id");
		if (accountId != null) {
			this.accounts.requireVisible(scope, accountId);
		}
		NameSearch.Condition name = this.nameSearch.containing("contact", "lower(c.name)", "c.name_grams", text, "q");
		return this.jdbc
			.sql(VIEW_SQL + " where " + scopeSql.condition()
					+ ((accountId != null) ? " and c.account_id = :account" : "") + " and " + name.sql()
					+ " order by c.name, c.id limit :limit")
			.params(scopeSql.params())
			.params((accountId != null) ? Map.of("account", accountId) : Map.of())
			.params(name.params())
			.param("limit", limit)
			.query(this::row)
			.list();
	}

	/**
	 * The account's people as a reports-to forest: those without a manager at the account
	 * are roots.
	 */
	@Transactional(readOnly = true)
	public List<ContactView.Node> orgChart(RecordScope scope, long accountId) {
		List<ContactView> all = forAccount(scope, accountId);
		Map<Long, List<ContactView>> reportsByManager = new HashMap<>();
		List<ContactView> roots = new ArrayList<>();
		for (ContactView contact : all) {
			if (contact.reportsToId() == null) {
				roots.add(contact);
			}
			else {
				reportsByManager.computeIfAbsent(contact.reportsToId(), (k) -> new ArrayList<>()).add(contact);
			}
		}
		return roots.stream().map((root) -> node(root, reportsByManager, 0)).toList();
	}

	/**
	 * Checks that every contact belongs to the given account, for activities that name
	 * participants.
	 * @throws RuleViolationException on {@code field} naming the first contact that does
	 * not
	 */
	@Transactional(readOnly = true)
	public void requireAllAt(long accountId, Collection<Long> contactIds, String field) {
		if (contactIds.isEmpty()) {
			return;
		}
		Set<Long> found = new HashSet<>(
				this.jdbc.sql("select id from contact where account_id = :account and id in (:ids)")
					.param("account", accountId)
					.param("ids", Set.copyOf(contactIds))
					.query(Long.class)
					.list());
		for (Long id : contactIds) {
			if (!found.contains(id)) {
				throw new RuleViolationException(field, "validation.contactNotAtAccount", id);
			}
		}
	}

	/**
	 * Contact names by id, for showing participants.
	 */
	@Transactional(readOnly = true)
	public Map<Long, String> names(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, String> names = new HashMap<>();
		this.jdbc.sql("select id, name from contact where id in (:ids)")
			.param("ids", Set.copyOf(ids))
			.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
			.list();
		return names;
	}

	private ContactView.Node node(ContactView contact, Map<Long, List<ContactView>> reportsByManager, int depth) {
		List<ContactView> reports = (depth < MAX_CHAIN) ? reportsByManager.getOrDefault(contact.id(), List.of())
				: List.of();
		return new ContactView.Node(contact,
				reports.stream().map((report) -> node(report, reportsByManager, depth + 1)).toList());
	}

	private Contact load(RecordScope scope, long id) {
		Contact contact = this.contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact", id));
		try {
			this.accounts.requireVisible(scope, contact.accountId());
		}
		catch (NotFoundException ex) {
			throw new NotFoundException("Contact", id);
		}
		return contact;
	}

	private void describe(Contact contact, ContactInput input) {
		contact.describe(input.name().strip(), trim(input.title()), trim(input.department()), trim(input.phone()),
				trim(input.email()), input.birthday(), trim(input.notes()));
	}

	private Long checkedManager(Contact contact, Long managerId) {
		if (managerId == null) {
			return null;
		}
		Contact manager = this.contacts.findById(managerId)
			.filter((candidate) -> candidate.accountId() == contact.accountId())
			.orElseThrow(() -> new RuleViolationException("reportsToId", "validation.contactNotAtAccount", managerId));
		// Walk up from the new manager: meeting this contact means the chain would loop
		// back to them.
		Contact step = manager;
		for (int depth = 0; step != null; depth++) {
			if ((contact.id() != null && contact.id().equals(step.id())) || depth > MAX_CHAIN) {
				throw new RuleViolationException("reportsToId", "validation.reportsToCycle");
			}
			step = (step.reportsToId() != null) ? this.contacts.findById(step.reportsToId()).orElse(null) : null;
		}
		return managerId;
	}

	private ContactView view(long id) {
		return this.jdbc.sql(VIEW_SQL + " where c.id = :id").param("id", id).query(this::row).single();
	}

	private static final String VIEW_SQL = """
			select c.id, c.account_id, c.name, c.title, c.department, c.reports_to_id, m.name, c.phone, c.email,
			       c.birthday, c.notes, c.version, c.custom_fields
			from contact c left join contact m on m.id = c.reports_to_id""";

	private ContactView row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		java.sql.Date birthday = rs.getDate(10);
		return new ContactView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getObject(6, Long.class), rs.getString(7), rs.getString(8), rs.getString(9),
				(birthday != null) ? birthday.toLocalDate() : null, rs.getString(11), rs.getInt(12),
				this.customFields.read(rs.getString(13)));
	}

	/** A contact's custom field values, written beside the aggregate (decision 0048). */
	private void writeCustomFields(long id, Map<String, Object> values) {
		this.jdbc
			.sql("update contact set custom_fields = " + this.customFields.jsonParameter("values") + " where id = :id")
			.param("values", this.customFields.json(values))
			.param("id", id)
			.update();
	}

	private Map<String, Object> audited(Map<String, Object> builtIn, Map<String, Object> custom) {
		return this.customFields.audited(builtIn, custom);
	}

	private static String trim(String value) {
		return StringUtils.hasText(value) ? value.strip() : null;
	}

}
