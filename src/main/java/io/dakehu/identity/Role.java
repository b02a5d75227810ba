package io.dakehu.identity;

/**
 * What a user may see and do. Record scope widens from KAM (own and shared accounts) to
 * MANAGER (the team's) to DIRECTOR and ADMIN (everything); ADMIN also manages users.
 */
public enum Role {

	ADMIN, DIRECTOR, MANAGER, KAM;

	public boolean seesEverything() {
		return this == ADMIN || this == DIRECTOR;
	}

}
