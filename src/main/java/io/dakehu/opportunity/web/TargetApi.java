package io.dakehu.opportunity.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.dakehu.identity.Users;
import io.dakehu.opportunity.Intention;
import io.dakehu.opportunity.QuotaView;
import io.dakehu.opportunity.TargetInput;
import io.dakehu.opportunity.TargetView;
import io.dakehu.opportunity.Targets;

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
 * Target companies with their intention, one by one or in bulk, and sales quotas.
 */
@RestController
class TargetApi {

	private final Targets targets;

	private final Users users;

	TargetApi(Targets targets, Users users) {
		this.targets = targets;
		this.users = users;
	}

	/**
	 * Sets a target company: 201 when new, 200 when it changed an existing one's
	 * intention.
	 */
	@PostMapping("/api/v1/targets")
	ResponseEntity<TargetView> set(@RequestBody TargetInput input) {
		Targets.Saved saved = this.targets.set(this.users.current(), input);
		if (saved.created()) {
			return ResponseEntity.created(URI.create("/api/v1/targets/" + saved.target().id())).body(saved.target());
		}
		return ResponseEntity.ok(saved.target());
	}

	@PostMapping("/api/v1/targets/bulk")
	List<TargetView> setAll(@RequestBody List<TargetInput> inputs) {
		return this.targets.setAll(this.users.current(), inputs);
	}

	@GetMapping("/api/v1/targets")
	List<TargetView> list(@RequestParam LocalDate from, @RequestParam LocalDate to,
			@RequestParam(required = false) Long salespersonId) {
		return this.targets.list(this.users.current().scope(), salespersonId, from, to);
	}

	@GetMapping("/api/v1/targets/{id}")
	TargetView get(@PathVariable long id) {
		return this.targets.get(this.users.current().scope(), id);
	}

	@PutMapping("/api/v1/targets/{id}")
	TargetView change(@PathVariable long id, @RequestBody IntentionRequest request) {
		return this.targets.changeIntention(this.users.current(), id, request.intention(), request.version());
	}

	@DeleteMapping("/api/v1/targets/{id}")
	ResponseEntity<Void> remove(@PathVariable long id) {
		this.targets.remove(this.users.current(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/quotas")
	QuotaView setQuota(@RequestBody QuotaRequest request) {
		return this.targets.setQuota(this.users.current(), request.salesperson(), request.from(), request.to(),
				request.amount());
	}

	@GetMapping("/api/v1/quotas")
	List<QuotaView> quotas(@RequestParam LocalDate from, @RequestParam LocalDate to) {
		return this.targets.quotas(this.users.current().scope(), from, to);
	}

	record IntentionRequest(Intention intention, Integer version) {
	}

	record QuotaRequest(String salesperson, LocalDate from, LocalDate to, BigDecimal amount) {
	}

}
