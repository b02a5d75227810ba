package io.dakehu.account;

import org.springframework.data.relational.core.mapping.Table;

/**
 * A user the account is shared with: they see and work on it as its owner does.
 */
@Table("account_team_member")
record AccountTeamMember(long userId) {
}
