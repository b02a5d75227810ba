package io.dakehu.activity;

import org.springframework.data.relational.core.mapping.Table;

/**
 * A customer's person who took part in an activity.
 */
@Table("activity_contact")
record ActivityContact(long contactId) {
}
