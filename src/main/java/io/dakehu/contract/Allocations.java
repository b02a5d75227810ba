package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.shared.RuleViolationException;

/**
 * How a receipt pays instalments, as pure functions of what is still owed: oldest due
 * first by default, or as a user says. What the receipt leaves over is a credit on the
 * account, never a negative balance on an instalment.
 */
final class Allocations {

	private Allocations() {
	}

	/**
	 * Pays the instalments in order of due date (then of entry) until the money runs out.
	 * @param open what each instalment still owes, zero-owing ones ignored
	 */
	static Result oldestFirst(Collection<Open> open, BigDecimal amount) {
		List<Open> ordered = new ArrayList<>(open);
		ordered.sort(Comparator.comparing(Open::dueDate).thenComparing(Open::instalmentId));
		BigDecimal left = amount;
		List<Share> shares = new ArrayList<>();
		for (Open instalment : ordered) {
			if (left.signum() <= 0) {
				break;
			}
			if (instalment.outstanding().signum() <= 0) {
				continue;
			}
			BigDecimal paid = left.min(instalment.outstanding());
			shares.add(new Share(instalment.instalmentId(), paid));
			left = left.subtract(paid);
		}
		return new Result(shares, left);
	}

	/**
	 * What the instalments still owe once a result's shares are paid, settled ones left
	 * out: the open amounts the next receipt on the contract is allocated against, so a
	 * batch of receipts pays in file order exactly as receipts recorded one by one would.
	 */
	static List<Open> remaining(Collection<Open> open, Result result) {
		Map<Long, BigDecimal> paid = new HashMap<>();
		result.shares().forEach((share) -> paid.merge(share.instalmentId(), share.amount(), BigDecimal::add));
		List<Open> left = new ArrayList<>(open.size());
		for (Open instalment : open) {
			BigDecimal owed = instalment.outstanding()
				.subtract(paid.getOrDefault(instalment.instalmentId(), BigDecimal.ZERO));
			if (owed.signum() > 0) {
				left.add(new Open(instalment.instalmentId(), instalment.dueDate(), owed));
			}
		}
		return left;
	}

	/**
	 * A user's allocation of a receipt, checked against what each instalment owes without
	 * this receipt.
	 * @throws RuleViolationException on field {@code allocations} when an instalment is
	 * not of the contract, a share is not positive or exceeds what the instalment owes,
	 * or the shares exceed the receipt
	 */
	static Result manual(Collection<Open> open, BigDecimal amount, Map<Long, BigDecimal> wanted) {
		Map<Long, Open> byId = new HashMap<>();
		open.forEach((instalment) -> byId.put(instalment.instalmentId(), instalment));
		BigDecimal total = BigDecimal.ZERO;
		List<Share> shares = new ArrayList<>();
		for (Map.Entry<Long, BigDecimal> share : wanted.entrySet()) {
			Open instalment = byId.get(share.getKey());
			if (instalment == null) {
				throw new RuleViolationException("allocations", "validation.contract.allocationUnknown",
						share.getKey());
			}
			if (share.getValue() == null || share.getValue().signum() <= 0) {
				throw new RuleViolationException("allocations", "validation.contract.allocationPositive");
			}
			if (share.getValue().compareTo(instalment.outstanding()) > 0) {
				throw new RuleViolationException("allocations", "validation.contract.allocationOverInstalment",
						instalment.outstanding().toPlainString());
			}
			total = total.add(share.getValue());
			shares.add(new Share(share.getKey(), share.getValue()));
		}
		if (total.compareTo(amount) > 0) {
			throw new RuleViolationException("allocations", "validation.contract.allocationOverReceipt",
					amount.toPlainString());
		}
		shares.sort(Comparator.comparing(Share::instalmentId));
		return new Result(shares, amount.subtract(total));
	}

	/** What an instalment still owes. */
	record Open(long instalmentId, LocalDate dueDate, BigDecimal outstanding) {
	}

	/** The part of a receipt that pays one instalment. */
	record Share(long instalmentId, BigDecimal amount) {
	}

	/**
	 * @param credit what the receipt leaves over, kept as a credit on the account
	 */
	record Result(List<Share> shares, BigDecimal credit) {
	}

}
