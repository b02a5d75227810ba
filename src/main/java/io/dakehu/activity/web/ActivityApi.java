package io.dakehu.activity.web;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;

import io.dakehu.activity.Activities;
import io.dakehu.activity.ActivityInput;
import io.dakehu.activity.ActivityView;
import io.dakehu.activity.UpcomingContact;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import jakarta.validation.Valid;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Activities over the API: the account timeline, logging, and the caller's upcoming
 * contacts.
 */
@RestController
class ActivityApi {

	private final Activities activities;

	private final Users users;

	ActivityApi(Activities activities, Users users) {
		this.activities = activities;
		this.users = users;
	}

	/**
	 * The account's activities, newest first, {@code limit} of them; with {@code before}
	 * and {@code beforeId}, the time and id of the last one read, the next ones.
	 */
	@GetMapping("/api/v1/accounts/{accountId}/activities")
	List<ActivityView> timeline(@PathVariable long accountId, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime before,
			@RequestParam(required = false) Long beforeId) {
		if ((before == null) != (beforeId == null)) {
			throw new RuleViolationException((before == null) ? "before" : "beforeId",
					"activity.validation.pairedPlace");
		}
		return this.activities.timeline(this.users.current().scope(), accountId,
				(before != null) ? new Activities.Place(before, beforeId) : null, Math.min(Math.max(limit, 1), 500));
	}

	@PostMapping("/api/v1/accounts/{accountId}/activities")
	ResponseEntity<ActivityView> log(@PathVariable long accountId, @Valid @RequestBody ActivityInput input) {
		ActivityView created = this.activities.log(this.users.current(), accountId, input);
		return ResponseEntity.created(URI.create("/api/v1/activities/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/activities/{id}")
	ActivityView get(@PathVariable long id) {
		return this.activities.get(this.users.current().scope(), id);
	}

	@PutMapping("/api/v1/activities/{id}")
	ActivityView update(@PathVariable long id, @Valid @RequestBody ActivityInput input) {
		return this.activities.update(this.users.current(), id, input.version(), input);
	}

	@DeleteMapping("/api/v1/activities/{id}")
	ResponseEntity<Void> remove(@PathVariable long id) {
		this.activities.remove(this.users.current(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/me/upcoming-contacts")
	List<UpcomingContact> upcoming() {
		return this.activities.upcoming(this.users.current(), 50);
	}

}
