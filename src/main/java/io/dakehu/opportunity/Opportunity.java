package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.dakehu.shared.RuleViolationException;

/**
 * The part of an opportunity its stage rules guard: where it stands and what closing it
 * needs. Loaded, changed through its business verbs and saved under its version.
 */
final class Opportunity {

	private final long id;

	private final Long accountId;

	private Stage stage;

	private BigDecimal amount;

	private LocalDate closeDate;

	private String lostReason;

	private String winningCompetitor;

	private final int version;

	Opportunity(long id, Long accountId, Stage stage, BigDecimal amount, LocalDate closeDate, int version) {
		this.id = id;
		this.accountId = accountId;
		this.stage = stage;
		this.amount = amount;
		this.closeDate = closeDate;
		this.version = version;
	}

	/**
	 * Moves to another buying step, forward or back: buyers skip and repeat steps.
	 * @return whether the stage changed
	 * @throws RuleViolationException when the opportunity is closed or the target is a
	 * closing stage (those need {@link #closeAsWon} or {@link #closeAsLost})
	 */
	boolean moveTo(Stage target) {
		requireOpen();
		if (target == null) {
			throw new RuleViolationException("stage", "opportunity.validation.required");
		}
		if (target.closed()) {
			throw new RuleViolationException("stage", "opportunity.validation.closeThroughWinOrLose");
		}
		boolean changed = target != this.stage;
		this.stage = target;
		return changed;
	}

	/**
	 * Closes as won. The amount given wins over the one expected; one of them is needed.
	 */
	void closeAsWon(BigDecimal wonAmount, LocalDate date) {
		requireOpen();
		BigDecimal value = (wonAmount != null) ? wonAmount : this.amount;
		if (value == null) {
			throw new RuleViolationException("amount", "opportunity.validation.wonNeedsAmount");
		}
		if (value.signum() < 0) {
			throw new RuleViolationException("amount", "opportunity.validation.negative");
		}
		if (this.accountId == null) {
			throw new RuleViolationException("account", "opportunity.validation.closedNeedsAccount");
		}
		requireDate(date);
		this.amount = value;
		this.closeDate = date;
		this.stage = Stage.WON;
	}

	/**
	 * Closes as lost, saying why and to whom, so lost deals can be learnt from.
	 */
	void closeAsLost(String reason, String competitor, LocalDate date) {
		requireOpen();
		if (reason == null || reason.isBlank()) {
			throw new RuleViolationException("reason", "opportunity.validation.lostNeedsReason");
		}
		if (reason.length() > 500) {
			throw new RuleViolationException("reason", "opportunity.validation.tooLong", 500);
		}
		if (competitor == null || competitor.isBlank()) {
			throw new RuleViolationException("competitor", "opportunity.validation.lostNeedsCompetitor");
		}
		if (competitor.length() > 200) {
			throw new RuleViolationException("competitor", "opportunity.validation.tooLong", 200);
		}
		if (this.accountId == null) {
			throw new RuleViolationException("account", "opportunity.validation.closedNeedsAccount");
		}
		requireDate(date);
		this.lostReason = reason.strip();
		this.winningCompetitor = competitor.strip();
		this.closeDate = date;
		this.stage = Stage.LOST;
	}

	private void requireOpen() {
		if (this.stage.closed()) {
			throw new RuleViolationException("stage", "opportunity.validation.alreadyClosed", this.stage.name());
		}
	}

	private static void requireDate(LocalDate date) {
		if (date == null) {
			throw new RuleViolationException("closeDate", "opportunity.validation.closedNeedsDate");
		}
	}

	long id() {
		return this.id;
	}

	Long accountId() {
		return this.accountId;
	}

	Stage stage() {
		return this.stage;
	}

	BigDecimal amount() {
		return this.amount;
	}

	LocalDate closeDate() {
		return this.closeDate;
	}

	String lostReason() {
		return this.lostReason;
	}

	String winningCompetitor() {
		return this.winningCompetitor;
	}

	int version() {
		return this.version;
	}

}
