package io.dakehu.identity;

/**
 * The signed-in user as other modules need them: who, with which role, seeing which
 * records.
 */
public record CurrentUser(long id, String username, String displayName, Role role, RecordScope scope) {

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

	public boolean managesOthers() {
		return this.role != Role.KAM;
	}

}
