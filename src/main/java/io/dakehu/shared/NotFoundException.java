package io.dakehu.shared;

/**
 * A record that does not exist or that the caller may not see. Both answer the same way
 * (HTTP 404), so a record outside the caller's scope cannot be told apart from a missing
 * one.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String entity, Object id) {
		super(entity + " " + id + " not found");
	}

}
