package io.dakehu.activity;

import org.springframework.data.relational.core.mapping.Table;

/**
 * One of our people who took part in an activity.
 */
@Table("activity_user")
record ActivityUser(long userId) {
}
