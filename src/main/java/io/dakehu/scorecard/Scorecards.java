package io.dakehu.scorecard;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scorecards and their versions. Everyone reads them (a rater needs the card); only
 * an administrator creates a card or edits one, and an edit is a new version, audited,
 * that later evaluations use while earlier ones keep theirs.
 */
@Service
@Transactional(readOnly = true)
public class Scorecards {

	static final String AUDIT_TYPE = "Scorecard";

	private final ScorecardStore store;

	private final AuditTrail audit;

	private final Clock clock;

	Scorecards(ScorecardStore store, AuditTrail audit, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	public List<ScorecardSummary> all() {
		return this.store.all();
	}

	public ScorecardSummary get(long id) {
		return this.store.find(id).orElseThrow(() -> new NotFoundException(AUDIT_TYPE, id));
	}

	public List<VersionSummary> versions(long scorecardId) {
		get(scorecardId);
		return this.store.versions(scorecardId);
	}

	/** A version by its id, as an evaluation keeps it. */
	public ScorecardVersion version(long versionId) {
		return this.store.version(versionId).orElseThrow(() -> new NotFoundException("ScorecardVersion", versionId));
	}

	/** A card's version by its number. */
	public ScorecardVersion version(long scorecardId, int versionNo) {
		return this.store.versions(scorecardId)
			.stream()
			.filter((v) -> v.versionNo() == versionNo)
			.findFirst()
			.map((v) -> version(v.id()))
			.orElseThrow(() -> new NotFoundException("ScorecardVersion", versionNo));
	}

	/** The version new evaluations of a kind use. */
	public ScorecardVersion current(ScorecardKind kind) {
		ScorecardSummary card = this.store.inUse(kind).orElseThrow(() -> new NotFoundException(AUDIT_TYPE, kind));
		return version(card.currentVersionId());
	}

	/**
	 * The grade codes of the card of a kind in use, best first.
	 * @throws NotFoundException when no card of the kind is in use
	 */
	public List<String> gradeCodes(ScorecardKind kind) {
		List<String> codes = this.store.gradeCodesInUse(kind);
		if (codes.isEmpty()) {
			throw new NotFoundException(AUDIT_TYPE, kind);
		}
		return codes;
	}

	/**
	 * A new card of a kind, which replaces the kind's card in use.
	 * @throws AccessDeniedException unless an administrator asks
	 */
	@Transactional
	public ScorecardVersion create(CurrentUser me, ScorecardDraft draft) {
		requireAdmin(me);
		if (draft.kind() == null) {
			throw new RuleViolationException("kind", "validation.scorecard.kind");
		}
		draft.check();
		long id = this.store.create(draft);
		return addVersion(me, id, 0, draft);
	}

	/**
	 * The next version of a card: what later evaluations use.
	 * @param expectedVersion the card's edit counter the administrator read
	 * @throws StaleEditException when someone changed the card since
	 */
	@Transactional
	public ScorecardVersion revise(CurrentUser me, long scorecardId, Integer expectedVersion, ScorecardDraft draft) {
		requireAdmin(me);
		ScorecardSummary card = get(scorecardId);
		StaleEditException.check(AUDIT_TYPE, scorecardId, expectedVersion, card.version());
		draft.check();
		return addVersion(me, scorecardId, card.version(), draft);
	}

	private ScorecardVersion addVersion(CurrentUser me, long scorecardId, int expected, ScorecardDraft draft) {
		LocalDateTime now = LocalDateTime.now(this.clock);
		int versionNo = this.store.addVersion(scorecardId, expected, draft, me.username(), now)
			.orElseThrow(() -> new StaleEditException(AUDIT_TYPE, scorecardId, get(scorecardId).version()));
		ScorecardVersion version = version(scorecardId, versionNo);
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("versionNo", versionNo);
		values.put("nameZh", draft.nameZh().strip());
		values.put("nameEn", draft.nameEn().strip());
		values.put("indicators",
				version.indicators()
					.stream()
					.map((i) -> i.number() + " " + i.nameEn() + " " + i.points().toPlainString() + " "
							+ i.bands()
								.stream()
								.map((b) -> b.op() + ((b.threshold() != null) ? " " + b.threshold() : "") + "→"
										+ b.points().toPlainString())
								.collect(Collectors.joining(", ")))
					.collect(Collectors.joining("; ")));
		values.put("grades",
				version.grades()
					.stream()
					.map((g) -> g.code() + "≥" + g.minScore().toPlainString())
					.collect(Collectors.joining(", ")));
		this.audit.created(AUDIT_TYPE, scorecardId, null, values);
		return version;
	}

	private static void requireAdmin(CurrentUser me) {
		if (!me.isAdmin()) {
			throw new AccessDeniedException("Only administrators edit scorecards");
		}
	}

}
