package io.dakehu.shared;

/**
 * Published on start-up, before the first request, when the database was restored from a
 * backup or moved: it is not the one whose files are in the imports folder beside it
 * (decision 0022). Work that refers to files of the old host must end here; the sessions
 * are already gone.
 */
public record InstanceRestored() {
}
