package io.dakehu.relationship;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.contact.Attitude;
import io.dakehu.contact.BuyingCenterMember;
import io.dakehu.contact.BuyingRole;
import io.dakehu.contact.BuyingRoleInput;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The buying center of each open opportunity and its coverage warnings. A person's role
 * on an opportunity is their role at the account unless one was recorded for that
 * opportunity; our personal relationship with them is the same everywhere.
 */
@Service
@Transactional(readOnly = true)
public class BuyingCenters {

	private final JdbcClient jdbc;

	private final Contacts contacts;

	private final Opportunities opportunities;

	private final AuditTrail audit;

	private final Clock clock;

	private final AccountQueries accounts;

	BuyingCenters(JdbcClient jdbc, Contacts contacts, Opportunities opportunities, AuditTrail audit, Clock clock,
			AccountQueries accounts) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.opportunities = opportunities;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * One opportunity's buying center and warnings (none for a closed opportunity). The
	 * people and their roles show only to readers who have the account: a deal's owner
	 * who merely reads a colleague's account gets the opportunity with an empty buying
	 * center (decision 0017).
	 * @throws io.dakehu.shared.NotFoundException when it lies outside the scope
	 */
	public OpportunityCoverage forOpportunity(RecordScope scope, long opportunityId) {
		OpportunityView opportunity = this.opportunities.get(scope, opportunityId);
		return cover(scope, List.of(opportunity)).get(0);
	}

	/**
	 * The open opportunities of an account with their warnings.
	 */
	public List<OpportunityCoverage> forAccount(RecordScope scope, long accountId) {
		this.accounts.requireVisible(scope, accountId);
		return cover(scope, this.opportunities.open(scope, List.of(accountId)));
	}

	/**
	 * Every visible open opportunity with at least one warning, by account then newest.
	 */
	public PageResult<OpportunityCoverage> risks(RecordScope scope, CoverageWarning.Kind kind, PageRequest page) {
		List<OpportunityCoverage> risky = risks(scope, kind);
		int from = (int) Math.min(page.offset(), risky.size());
		int to = Math.min(from + page.size(), risky.size());
		return new PageResult<>(risky.subList(from, to), page.page(), page.size(), risky.size());
	}

	/**
	 * All of the risks list at once, in its order, for its export: the warnings are
	 * worked out in memory for every open opportunity anyway, so paging would only repeat
	 * that.
	 */
	public List<OpportunityCoverage> risks(RecordScope scope, CoverageWarning.Kind kind) {
		return cover(scope, this.opportunities.open(scope, null)).stream()
			.filter((c) -> !c.warnings().isEmpty())
			.filter((c) -> kind == null || c.warnings().stream().anyMatch((w) -> w.kind() == kind))
			.sorted(Comparator
				.comparing((OpportunityCoverage c) -> c.opportunity().accountName(),
						Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing((c) -> -c.opportunity().id()))
			.toList();
	}

	/**
	 * How many visible open opportunities carry each kind of warning.
	 */
	public Map<CoverageWarning.Kind, Long> riskCounts(RecordScope scope) {
		Map<CoverageWarning.Kind, Long> counts = new java.util.EnumMap<>(CoverageWarning.Kind.class);
		for (CoverageWarning.Kind kind : CoverageWarning.Kind.values()) {
			counts.put(kind, 0L);
		}
		for (OpportunityCoverage coverage : cover(scope, this.opportunities.open(scope, null))) {
			coverage.warnings()
				.stream()
				.map(CoverageWarning::kind)
				.distinct()
				.forEach((kind) -> counts.merge(kind, 1L, Long::sum));
		}
		return counts;
	}

	/**
	 * The distinct warnings across several opportunities with how many opportunities
	 * carry each, most frequent first: an account's opportunities mostly share its buying
	 * center, so its page shows each gap once.
	 */
	public static List<WarningCount> summarise(List<OpportunityCoverage> coverage) {
		Map<CoverageWarning, Long> counts = new LinkedHashMap<>();
		for (OpportunityCoverage one : coverage) {
			one.warnings().forEach((warning) -> counts.merge(warning, 1L, Long::sum));
		}
		return counts.entrySet()
			.stream()
			.map((entry) -> new WarningCount(entry.getKey(), entry.getValue()))
			.sorted(Comparator.comparing(WarningCount::opportunities).reversed())
			.toList();
	}

	/**
	 * One warning and the number of opportunities it applies to.
	 */
	public record WarningCount(CoverageWarning warning, long opportunities) {
	}

	/**
	 * Records the role a person has on one opportunity. Our personal level and the
	 * relationship owner, when given, are the person's and change at the account too.
	 * @throws RuleViolationException when the contact does not work at the opportunity's
	 * account or a value is out of range
	 * @throws io.dakehu.shared.NotFoundException when the opportunity, or its account,
	 * lies outside the editor's scope: the people of an account are worked on by those
	 * who have it
	 */
	@Transactional
	public OpportunityCoverage placeOnOpportunity(CurrentUser editor, long opportunityId, long contactId,
			BuyingRoleInput input) {
		OpportunityView opportunity = this.opportunities.get(editor.scope(), opportunityId);
		if (opportunity.accountId() == null) {
			throw new RuleViolationException("opportunityId", "relationship.validation.noAccount");
		}
		this.accounts.requireVisible(editor.scope(), opportunity.accountId());
		this.contacts.requireAllAt(opportunity.accountId(), List.of(contactId), "contactId");
		if (input.influence() != null && (input.influence() < 1 || input.influence() > 5)) {
			throw new RuleViolationException("influence", "validation.between", 1, 5);
		}
		if (input.personalLevel() != null || input.relationshipOwner() != null) {
			BuyingCenterMember person = member(editor.scope(), opportunity.accountId(), contactId);
			this.contacts.placeInBuyingCenter(editor, contactId, new BuyingRoleInput(Set.copyOf(person.roles()),
					person.influence(), person.attitude(),
					(input.personalLevel() != null) ? input.personalLevel() : person.personalLevel(),
					(input.relationshipOwner() != null) ? input.relationshipOwner() : person.relationshipOwner(),
					input.version()));
		}
		Map<String, Object> before = ownRole(opportunityId, contactId);
		this.jdbc.sql("delete from opportunity_buying_role where opportunity_id = :o and contact_id = :c")
			.param("o", opportunityId)
			.param("c", contactId)
			.update();
		String roles = encode(input.roles());
		this.jdbc.sql("""
				insert into opportunity_buying_role (opportunity_id, contact_id, roles, influence, attitude, updated_at)
				values (:o, :c, :roles, :influence, :attitude, :now)""")
			.param("o", opportunityId)
			.param("c", contactId)
			.param("roles", roles)
			.param("influence", input.influence())
			.param("attitude", (input.attitude() != null) ? input.attitude().name() : null)
			.param("now", LocalDateTime.now(this.clock))
			.update();
		Map<String, Object> after = ownRole(opportunityId, contactId);
		if (before.isEmpty()) {
			this.audit.created("OpportunityBuyingRole", opportunityId, opportunity.accountId(), after);
		}
		else {
			this.audit.changed("OpportunityBuyingRole", opportunityId, opportunity.accountId(), before, after);
		}
		return forOpportunity(editor.scope(), opportunityId);
	}

	/**
	 * Forgets a person's role on one opportunity: their role at the account applies
	 * again.
	 * @throws io.dakehu.shared.NotFoundException when the opportunity, or its account,
	 * lies outside the editor's scope
	 */
	@Transactional
	public OpportunityCoverage clearOnOpportunity(CurrentUser editor, long opportunityId, long contactId) {
		OpportunityView opportunity = this.opportunities.get(editor.scope(), opportunityId);
		if (opportunity.accountId() != null) {
			this.accounts.requireVisible(editor.scope(), opportunity.accountId());
		}
		Map<String, Object> before = ownRole(opportunityId, contactId);
		if (!before.isEmpty()) {
			this.jdbc.sql("delete from opportunity_buying_role where opportunity_id = :o and contact_id = :c")
				.param("o", opportunityId)
				.param("c", contactId)
				.update();
			this.audit.deleted("OpportunityBuyingRole", opportunityId, opportunity.accountId(), before);
		}
		return forOpportunity(editor.scope(), opportunityId);
	}

	private BuyingCenterMember member(RecordScope scope, long accountId, long contactId) {
		return this.contacts.buyingCenter(scope, accountId)
			.stream()
			.filter((m) -> m.contactId() == contactId)
			.findFirst()
			.orElseThrow(() -> new RuleViolationException("contactId", "validation.contactNotAtAccount", contactId));
	}

	private Map<String, Object> ownRole(long opportunityId, long contactId) {
		Map<String, Object> values = new LinkedHashMap<>();
		this.jdbc.sql("""
				select roles, influence, attitude from opportunity_buying_role
				where opportunity_id = :o and contact_id = :c""")
			.param("o", opportunityId)
			.param("c", contactId)
			.query((rs, n) -> {
				values.put("contactId", contactId);
				values.put("roles", rs.getString(1));
				values.put("influence", rs.getObject(2, Integer.class));
				values.put("attitude", rs.getString(3));
				return null;
			})
			.list();
		return values;
	}

	/**
	 * Buying centers and warnings for many opportunities with one query per kind of
	 * record, not per opportunity. An opportunity on an account outside the reader's
	 * scope (a deal owner's on a colleague's account) shows no people, no roles and so no
	 * warnings.
	 */
	private List<OpportunityCoverage> cover(RecordScope scope, List<OpportunityView> opportunities) {
		if (opportunities.isEmpty()) {
			return List.of();
		}
		Set<Long> accountIds = new HashSet<>();
		for (OpportunityView opportunity : opportunities) {
			if (opportunity.accountId() != null) {
				accountIds.add(opportunity.accountId());
			}
		}
		accountIds = this.accounts.visible(scope, accountIds);
		List<Long> opportunityIds = new ArrayList<>();
		for (OpportunityView opportunity : opportunities) {
			if (opportunity.accountId() != null && accountIds.contains(opportunity.accountId())) {
				opportunityIds.add(opportunity.id());
			}
		}
		Map<Long, List<BuyingCenterMember>> centers = this.contacts.buyingCenterOf(accountIds);
		Map<Long, Map<Long, OwnRole>> own = new HashMap<>();
		for (int from = 0; from < opportunityIds.size(); from += 1000) {
			this.jdbc.sql("""
					select opportunity_id, contact_id, roles, influence, attitude from opportunity_buying_role
					where opportunity_id in (:ids)""")
				.param("ids", opportunityIds.subList(from, Math.min(from + 1000, opportunityIds.size())))
				.query((rs, n) -> own.computeIfAbsent(rs.getLong(1), (k) -> new HashMap<>())
					.put(rs.getLong(2),
							new OwnRole(decode(rs.getString(3)), rs.getObject(4, Integer.class),
									(rs.getString(5) != null) ? Attitude.valueOf(rs.getString(5)) : null)))
				.list();
		}
		List<OpportunityCoverage> covered = new ArrayList<>();
		for (OpportunityView opportunity : opportunities) {
			Map<Long, OwnRole> roles = own.getOrDefault(opportunity.id(), Map.of());
			List<BuyingCenterMember> members = new ArrayList<>();
			for (BuyingCenterMember member : (opportunity.accountId() != null)
					? centers.getOrDefault(opportunity.accountId(), List.of()) : List.<BuyingCenterMember>of()) {
				OwnRole role = roles.get(member.contactId());
				members.add((role != null) ? member.onOpportunity(role.roles(), role.influence(), role.attitude())
						: member);
			}
			boolean hidden = opportunity.accountId() != null && !accountIds.contains(opportunity.accountId());
			List<CoverageWarning> warnings = (opportunity.stage().closed() || hidden) ? List.of()
					: CoverageWarning.check(members);
			covered.add(new OpportunityCoverage(opportunity, members, roles.keySet(), warnings));
		}
		return covered;
	}

	private static String encode(Set<BuyingRole> roles) {
		if (roles == null || roles.isEmpty()) {
			return null;
		}
		return java.util.EnumSet.copyOf(roles)
			.stream()
			.map(Enum::name)
			.collect(java.util.stream.Collectors.joining(","));
	}

	private static List<BuyingRole> decode(String codes) {
		if (codes == null || codes.isBlank()) {
			return List.of();
		}
		return java.util.Arrays.stream(codes.split(",")).map(String::strip).map(BuyingRole::valueOf).sorted().toList();
	}

	private record OwnRole(List<BuyingRole> roles, Integer influence, Attitude attitude) {
	}

}
