package io.dakehu.contract;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * Outstanding receivables by how far past due they are.
 */
public record Aging(BigDecimal notDue, BigDecimal days1to30, BigDecimal days31to60, BigDecimal days61to90,
		BigDecimal over90) {

	public static final Aging NONE = new Aging(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
			BigDecimal.ZERO);

	static Aging of(Map<AgingBucket, BigDecimal> amounts) {
		Map<AgingBucket, BigDecimal> all = new EnumMap<>(AgingBucket.class);
		for (AgingBucket bucket : AgingBucket.values()) {
			all.put(bucket, amounts.getOrDefault(bucket, BigDecimal.ZERO));
		}
		return new Aging(all.get(AgingBucket.NOT_DUE), all.get(AgingBucket.DAYS_1_TO_30),
				all.get(AgingBucket.DAYS_31_TO_60), all.get(AgingBucket.DAYS_61_TO_90), all.get(AgingBucket.OVER_90));
	}

	/** Everything still owed. */
	public BigDecimal total() {
		return this.notDue.add(overdue());
	}

	/** What is past its due date. */
	public BigDecimal overdue() {
		return this.days1to30.add(this.days31to60).add(this.days61to90).add(this.over90);
	}

	/** Both amounts, bucket by bucket. */
	Aging plus(Aging other) {
		return new Aging(this.notDue.add(other.notDue), this.days1to30.add(other.days1to30),
				this.days31to60.add(other.days31to60), this.days61to90.add(other.days61to90),
				this.over90.add(other.over90));
	}

	/** The amount in one bucket, for tables and charts that walk the buckets. */
	public BigDecimal in(AgingBucket bucket) {
		return switch (bucket) {
			case NOT_DUE -> this.notDue;
			case DAYS_1_TO_30 -> this.days1to30;
			case DAYS_31_TO_60 -> this.days31to60;
			case DAYS_61_TO_90 -> this.days61to90;
			case OVER_90 -> this.over90;
		};
	}

}
