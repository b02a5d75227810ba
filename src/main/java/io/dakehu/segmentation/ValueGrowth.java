package io.dakehu.segmentation;

/**
 * Value × growth (DOMAIN.md §3.4), decided in this order: VIP (pyramid VIP or Major), MGC
 * (growth at or above the threshold, including a customer new in the period), BZ (value
 * fell or net profit is negative), otherwise Stable.
 */
public enum ValueGrowth {

	VIP, MGC, BZ, STABLE

}
