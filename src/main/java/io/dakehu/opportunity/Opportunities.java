package io.dakehu.opportunity;

import static io.dakehu.shared.NullableParameters.setDate;
import static io.dakehu.shared.NullableParameters.setLong;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.shared.Chunks;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.KeyLookups;
import io.dakehu.shared.SourceReferences;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording and reading opportunities. An opportunity is visible when its account is, or
 * when its owner is in the reader's scope (which covers those without an account yet).
 * Bulk writes are JDBC batches inside the caller's transaction. Rows are read, named and
 * scoped as {@link OpportunityRows} reads them, as the list and the board
 * ({@link OpportunityLists}) do.
 */
@Service
@Transactional(readOnly = true)
public class Opportunities {

	private static final String INSERT = """
			insert into opportunity (account_id, owner_id, product_id, stage, engage_date, close_date, amount, source,
			                         external_ref, created_at, updated_at, stage_since, name, expected_close_date,
			                         account_owner_id, custom_fields)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, """ + AccountScopeSql.ownerOf("?") + ", ";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final OpportunityRows rows;

	private final OpportunityTally tally;

	private final Clock clock;

	private final KeyLookups keyLookups;

	private final OpportunityCustomFields customFields;

	private final OpportunityAccountOwners accountOwners;

	Opportunities(JdbcClient jdbc, JdbcTemplate template, OpportunityRows rows, OpportunityTally tally, Clock clock,
			KeyLookups keyLookups, OpportunityCustomFields customFields, OpportunityAccountOwners accountOwners) {
		this.customFields = customFields;
		this.accountOwners = accountOwners;
		this.keyLookups = keyLookups;
		this.jdbc = jdbc;
		this.template = template;
		this.rows = rows;
		this.tally = tally;
		this.clock = clock;
	}

	/**
	 * Writes the opportunities in one JDBC batch. The caller has checked that accounts,
	 * owners and products exist and may be used.
	 * @throws org.springframework.dao.DuplicateKeyException when a reference of the
	 * source is taken already; what the call wrote is then for the caller to roll back
	 */
	@Transactional
	public int append(List<NewOpportunity> opportunities) {
		if (opportunities.isEmpty()) {
			return 0;
		}
		Timestamp now = Timestamp.valueOf(LocalDateTime.now(this.clock));
		this.template.batchUpdate(INSERT + this.customFields.positionalParameter() + ")", opportunities,
				opportunities.size(), (PreparedStatement ps, NewOpportunity o) -> {
					setLong(ps, 1, o.accountId());
					ps.setLong(2, o.ownerId());
					setLong(ps, 3, o.productId());
					ps.setString(4, o.stage().name());
					setDate(ps, 5, o.engageDate());
					setDate(ps, 6, o.closeDate());
					ps.setBigDecimal(7, o.amount());
					ps.setString(8, o.source());
					ps.setString(9, o.externalRef());
					ps.setTimestamp(10, now);
					ps.setTimestamp(11, now);
					ps.setTimestamp(12, now);
					ps.setString(13, o.name());
					setDate(ps, 14, o.expectedCloseDate());
					setLong(ps, 15, o.accountId());
					ps.setString(16, this.customFields.json(o.customFields()));
				});
		this.tally.opened(opportunities);
		Set<Long> accounts = new HashSet<>();
		opportunities.forEach((opportunity) -> {
			if (opportunity.accountId() != null) {
				accounts.add(opportunity.accountId());
			}
		});
		this.accountOwners.placeAt(accounts);
		return opportunities.size();
	}

	/**
	 * Which of these references the source already has, each with the time its row was
	 * written; see {@link SourceReferences#stored}.
	 */
	public Map<String, LocalDateTime> storedReferences(String source, Collection<String> references) {
		return new SourceReferences(this.jdbc, this.keyLookups, "opportunity").stored(source, references);
	}

	/**
	 * Every visible opportunity matching the criteria, handed over one at a time while
	 * the rows stream from the database.
	 */
	public void forEach(RecordScope scope, OpportunityCriteria criteria, Consumer<OpportunityView> consumer) {
		OpportunityRows.Where where = this.rows.where(scope, criteria);
		Chunks<OpportunityRows.Raw> chunks = new Chunks<>(OpportunityRows.NAME_CHUNK,
				(chunk) -> this.rows.named(chunk).forEach(consumer));
		this.jdbc.sql(OpportunityRows.SELECT + where.sql() + " order by o.id")
			.params(where.params())
			.withFetchSize(OpportunityRows.NAME_CHUNK)
			.query((ResultSet rs) -> {
				chunks.accept(this.rows.raw(rs, 0));
			});
		chunks.finish();
	}

	/**
	 * One opportunity, if the scope may see it.
	 * @throws NotFoundException when it does not exist or lies outside the scope
	 */
	public OpportunityView get(RecordScope scope, long id) {
		OpportunityRows.Where where = this.rows.where(scope, OpportunityCriteria.all());
		List<OpportunityRows.Raw> found = this.jdbc.sql(OpportunityRows.SELECT + where.sql() + " and o.id = :id")
			.params(where.params())
			.param("id", id)
			.query(this.rows::raw)
			.list();
		if (found.isEmpty()) {
			throw new NotFoundException("Opportunity", id);
		}
		return this.rows.named(found).get(0);
	}

	/**
	 * The visible opportunities still open (not won or lost) on the given accounts, or on
	 * every visible account when {@code accountIds} is null; newest first.
	 */
	public List<OpportunityView> open(RecordScope scope, Collection<Long> accountIds) {
		if (accountIds != null && accountIds.isEmpty()) {
			return List.of();
		}
		OpportunityRows.Where where = this.rows.where(scope, OpportunityCriteria.all());
		Map<String, Object> params = new HashMap<>(where.params());
		List<String> openStages = new ArrayList<>();
		for (Stage stage : Stage.values()) {
			if (!stage.closed()) {
				openStages.add(stage.name());
			}
		}
		params.put("openStages", openStages);
		String sql = OpportunityRows.SELECT + where.sql()
				+ " and o.account_id is not null and o.stage in (:openStages)";
		if (accountIds != null) {
			sql += " and o.account_id in (:accountIds)";
			params.put("accountIds", Set.copyOf(accountIds));
		}
		List<OpportunityRows.Raw> found = this.jdbc.sql(sql + " order by o.id desc")
			.params(params)
			.query(this.rows::raw)
			.list();
		return this.rows.named(found);
	}

}
