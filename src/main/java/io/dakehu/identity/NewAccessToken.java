package io.dakehu.identity;

/**
 * A token just created, with its secret: the one and only time the secret is known
 * outside the client that keeps it.
 */
public record NewAccessToken(AccessTokenSummary token, String secret) {

}
