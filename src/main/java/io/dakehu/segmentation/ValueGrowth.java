package io.dakehu.segmentation;

/**
 * Value × growth (DOMAIN.md §3.4), decided in this order, first match wins: VIP (pyramid
 * VIP or Major), BZ (value fell or net profit is negative, even when growing), NEW
 * (bought in the period but not in the prior period: no growth rate, never counted as
 * growth), MGC (growth at or above the threshold), otherwise Stable.
 */
public enum ValueGrowth {

	VIP, BZ, NEW, MGC, STABLE

}
