package io.dakehu.activity;

/**
 * Minutes one of our people spent on one account: the durations of the activities they
 * logged or took part in.
 */
public record TimeSpent(long userId, long accountId, long minutes) {
}
