package io.dakehu.service;

import org.springframework.data.relational.core.mapping.Table;

/** A colleague the owner asked to help with a complaint. */
@Table("complaint_helper")
record ComplaintHelper(long userId) {
}
