package io.dakehu.webhook.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dakehu.identity.Users;
import io.dakehu.webhook.AttemptView;
import io.dakehu.webhook.WebhookInput;
import io.dakehu.webhook.WebhookView;
import io.dakehu.webhook.Webhooks;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks over the API, for administrators: register, change, remove, send a test event,
 * read the deliveries log. The event catalogue is in the tag's description
 * ({@link WebhookApiDocs}).
 */
@RestController
@Tag(name = WebhookApiDocs.TAG)
class WebhookApi {

	private final Webhooks webhooks;

	private final Users users;

	WebhookApi(Webhooks webhooks, Users users) {
		this.webhooks = webhooks;
		this.users = users;
	}

	@GetMapping("/api/v1/webhooks")
	List<WebhookView> all() {
		return this.webhooks.all(this.users.current());
	}

	@GetMapping("/api/v1/webhooks/{id}")
	WebhookView get(@PathVariable long id) {
		return this.webhooks.get(this.users.current(), id);
	}

	@PostMapping("/api/v1/webhooks")
	ResponseEntity<WebhookView> create(@RequestBody WebhookInput input) {
		WebhookView created = this.webhooks.create(this.users.current(), input);
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id())).body(created);
	}

	@PutMapping("/api/v1/webhooks/{id}")
	WebhookView update(@PathVariable long id, @RequestBody WebhookInput input) {
		return this.webhooks.update(this.users.current(), id, input);
	}

	@DeleteMapping("/api/v1/webhooks/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.webhooks.delete(this.users.current(), id);
	}

	/** Queues a {@code webhook.test} event for this webhook; answers its event id. */
	@PostMapping("/api/v1/webhooks/{id}/test")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, UUID> test(@PathVariable long id) {
		return Map.of("eventId", this.webhooks.sendTest(this.users.current(), id));
	}

	/** The latest attempts, newest first. */
	@GetMapping("/api/v1/webhooks/{id}/attempts")
	List<AttemptView> attempts(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
		return this.webhooks.attempts(this.users.current(), id, limit);
	}

}
