/**
 * Custom fields (DOMAIN.md §13, decision 0048): the fields an administrator adds to
 * accounts, contacts and opportunities, with their types, labels and options, and the
 * checking of values against them. The values live with the records, in a column their
 * own modules write; this module says what a valid value is, how it reads and how a list
 * filters by it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package io.dakehu.customfield;
