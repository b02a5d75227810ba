package io.dakehu.segmentation;

/**
 * The customer pyramid (DOMAIN.md §3.1), highest first.
 */
public enum Tier {

	VIP, MAJOR, ORDINARY, SMALL

}
