package io.dakehu.segmentation;

/**
 * ABC classes (DOMAIN.md §3.2): A carries 80% of value, B the next 15%, C the rest.
 */
public enum AbcClass {

	A, B, C

}
