package io.dakehu.segmentation;

/**
 * What is decided for a BZ customer (DOMAIN.md §3.4): turn it into a good customer, or
 * let it go.
 */
public enum BzChoice {

	DEVELOP, LET_GO

}
