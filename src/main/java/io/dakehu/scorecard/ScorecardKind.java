package io.dakehu.scorecard;

/**
 * What a scorecard decides: how safe a customer is on credit (DOMAIN.md §5), whom to take
 * on (§6), which channel partners deserve support (§6.1).
 */
public enum ScorecardKind {

	CREDIT, SELECTION, CHANNEL

}
