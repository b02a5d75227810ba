package io.dakehu.scorecard;

/**
 * How a prospect was chosen (DOMAIN.md §6): casting a net over a chosen market (捕鱼),
 * picking only the big ones (采蘑菇), or winning one by courting its rival (声东击西).
 */
public enum SelectionStrategy {

	FISHING, MUSHROOM_PICKING, FEINT

}
