package io.dakehu.opportunity;

/**
 * Where an opportunity stands. WON and LOST are final.
 */
public enum Stage {

	PROSPECTING, ENGAGING, WON, LOST;

	public boolean closed() {
		return this == WON || this == LOST;
	}

}
