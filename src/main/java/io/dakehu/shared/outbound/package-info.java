/**
 * Business events for other systems (DOMAIN.md §13, decision 0047): the catalogue and the
 * two shapes an owning module publishes them in. The modules that own the facts depend on
 * this package only, never on the module that delivers the events.
 */
package io.dakehu.shared.outbound;
