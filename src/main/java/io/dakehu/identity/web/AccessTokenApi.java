package io.dakehu.identity.web;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDateTime;
import java.util.List;

import io.dakehu.identity.AccessTokenSummary;
import io.dakehu.identity.AccessTokens;
import io.dakehu.identity.NewAccessToken;
import io.dakehu.identity.Users;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personal access tokens over the API (decision 0026): everyone manages their own, an
 * administrator any user's. The secret is in the answer to the creation and nowhere else.
 */
@RestController
@RequestMapping("/api/v1")
class AccessTokenApi {

	private final AccessTokens tokens;

	private final Users users;

	AccessTokenApi(AccessTokens tokens, Users users) {
		this.tokens = tokens;
		this.users = users;
	}

	@GetMapping("/me/tokens")
	List<TokenJson> mine(Principal principal) {
		return this.tokens.of(principal.getName()).stream().map(TokenJson::of).toList();
	}

	/**
	 * A token may not mint tokens: otherwise a leaked token could outlive its own expiry
	 * by creating its successors. Creating one takes the user's password (HTTP Basic) or
	 * their signed-in session (My profile).
	 */
	@PostMapping("/me/tokens")
	@PreAuthorize("!hasAuthority('AUTH_TOKEN')")
	ResponseEntity<CreatedJson> create(@RequestBody NewToken input, Principal principal) {
		NewAccessToken created = this.tokens.create(principal.getName(), input.name(), input.days());
		AccessTokenSummary token = created.token();
		return ResponseEntity.created(URI.create("/api/v1/me/tokens/" + token.id()))
			.body(new CreatedJson(token.id(), token.name(), token.createdAt(), token.expiresAt(), created.secret()));
	}

	@DeleteMapping("/me/tokens/{id}")
	ResponseEntity<Void> revoke(@PathVariable long id, Principal principal) {
		this.tokens.revoke(principal.getName(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/users/{userId}/tokens")
	@PreAuthorize("hasRole('ADMIN')")
	List<TokenJson> ofUser(@PathVariable long userId) {
		this.users.get(userId);
		return this.tokens.ofUser(userId).stream().map(TokenJson::of).toList();
	}

	@DeleteMapping("/users/{userId}/tokens/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<Void> revokeOfUser(@PathVariable long userId, @PathVariable long id) {
		this.tokens.revokeOfUser(userId, id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * @param days how long the token lasts, 1 to 365 (90 when left out)
	 */
	record NewToken(String name, Integer days) {
	}

	record TokenJson(long id, String name, LocalDateTime createdAt, LocalDateTime expiresAt, LocalDateTime lastUsedAt,
			boolean expired) {

		static TokenJson of(AccessTokenSummary token) {
			return new TokenJson(token.id(), token.name(), token.createdAt(), token.expiresAt(), token.lastUsedAt(),
					token.expired());
		}

	}

	/**
	 * The answer to a creation: {@code token} is the secret, shown this once.
	 */
	record CreatedJson(long id, String name, LocalDateTime createdAt, LocalDateTime expiresAt, String token) {
	}

}
