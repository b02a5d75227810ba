package io.dakehu.identity;

import java.time.LocalDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A sales team with its manager; a MANAGER sees the accounts of the teams they manage.
 */
@Table("team")
class Team {

	@Id
	private Long id;

	private String name;

	private Long managerId;

	private LocalDateTime createdAt;

	@Version
	private int version;

	private Team() {
	}

	static Team found(String name, Long managerId, LocalDateTime now) {
		Team team = new Team();
		team.name = name;
		team.managerId = managerId;
		team.createdAt = now;
		return team;
	}

	void appointManager(Long managerId) {
		this.managerId = managerId;
	}

	Long id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

	Long managerId() {
		return this.managerId;
	}

	int version() {
		return this.version;
	}

}
