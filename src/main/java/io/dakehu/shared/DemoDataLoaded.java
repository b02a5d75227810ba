package io.dakehu.shared;

/**
 * Published when the demo data set has just been loaded on a first start, so modules that
 * compute from purchases can prepare their first figures and a newcomer opens a dashboard
 * with data in it.
 */
public record DemoDataLoaded() {
}
