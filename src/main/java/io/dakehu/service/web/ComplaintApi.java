package io.dakehu.service.web;

import java.net.URI;
import java.util.List;

import io.dakehu.identity.Users;
import io.dakehu.service.ComplaintEdit;
import io.dakehu.service.ComplaintFilter;
import io.dakehu.service.ComplaintInput;
import io.dakehu.service.ComplaintStateException;
import io.dakehu.service.ComplaintStatus;
import io.dakehu.service.ComplaintView;
import io.dakehu.service.Complaints;
import io.dakehu.service.RepeatedComplaints;
import io.dakehu.service.ResolutionInput;
import io.dakehu.service.ReturnVisitInput;
import io.dakehu.service.ServiceLevel;
import io.dakehu.service.ServiceLevelInput;
import io.dakehu.service.ServiceLevels;
import io.dakehu.service.ServiceOverview;
import io.dakehu.shared.web.Labels;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Complaints and service levels over the API. Versions guard every change of a complaint,
 * its withdrawal too: a stale one answers 409, as does a step its status does not allow.
 */
@RestController
class ComplaintApi {

	private final Complaints complaints;

	private final ServiceLevels levels;

	private final Users users;

	private final Labels labels;

	ComplaintApi(Complaints complaints, ServiceLevels levels, Users users, Labels labels) {
		this.complaints = complaints;
		this.levels = levels;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/api/v1/complaints")
	List<ComplaintView> list(@RequestParam(required = false) Long accountId,
			@RequestParam(required = false) ComplaintStatus status,
			@RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "100") int limit) {
		return this.complaints.list(this.users.current().scope(), new ComplaintFilter(accountId, status, overdue, null),
				Math.min(Math.max(limit, 1), 500));
	}

	@PostMapping("/api/v1/complaints")
	ResponseEntity<ComplaintView> record(@Valid @RequestBody ComplaintInput input) {
		ComplaintView created = this.complaints.record(this.users.current(), input);
		return ResponseEntity.created(URI.create("/api/v1/complaints/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/complaints/{id}")
	ComplaintView get(@PathVariable long id) {
		return this.complaints.get(this.users.current().scope(), id);
	}

	@PutMapping("/api/v1/complaints/{id}")
	ComplaintView edit(@PathVariable long id, @Valid @RequestBody ComplaintEdit body) {
		return this.complaints.edit(this.users.current(), id, body);
	}

	/** Withdraws a complaint recorded in error, while nobody has answered it. */
	@DeleteMapping("/api/v1/complaints/{id}")
	ResponseEntity<Void> withdraw(@PathVariable long id, @RequestParam(required = false) Integer version) {
		this.complaints.withdraw(this.users.current(), id, version);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/complaints/{id}/start")
	ComplaintView start(@PathVariable long id, @RequestBody Versioned body) {
		return this.complaints.start(this.users.current(), id, body.version());
	}

	@PostMapping("/api/v1/complaints/{id}/assign")
	ComplaintView assign(@PathVariable long id, @Valid @RequestBody Assignment body) {
		return this.complaints.assign(this.users.current(), id, body.owner(), body.version());
	}

	@PostMapping("/api/v1/complaints/{id}/helpers")
	ComplaintView addHelper(@PathVariable long id, @Valid @RequestBody HelpRequest body) {
		return this.complaints.addHelper(this.users.current(), id, body.helper(), body.version());
	}

	@PostMapping("/api/v1/complaints/{id}/resolve")
	ComplaintView resolve(@PathVariable long id, @Valid @RequestBody ResolutionInput body) {
		return this.complaints.resolve(this.users.current(), id, body);
	}

	@PostMapping("/api/v1/complaints/{id}/return-visit")
	ComplaintView returnVisit(@PathVariable long id, @Valid @RequestBody ReturnVisitInput body) {
		return this.complaints.recordReturnVisit(this.users.current(), id, body);
	}

	/** Accounts flagged for repeated complaints in the reader's scope. */
	@GetMapping("/api/v1/complaints/repeated")
	List<RepeatedComplaints> repeated() {
		return this.complaints.repeated(this.users.current().scope());
	}

	@GetMapping("/api/v1/accounts/{accountId}/service")
	ServiceOverview overview(@PathVariable long accountId) {
		return this.complaints.overview(this.users.current().scope(), accountId, 100);
	}

	@GetMapping("/api/v1/service-levels")
	List<ServiceLevel> levels() {
		return this.levels.all();
	}

	@PutMapping("/api/v1/service-levels")
	List<ServiceLevel> updateLevels(@Valid @RequestBody LevelsUpdate body) {
		return this.levels.update(this.users.current(), body.levels());
	}

	@ExceptionHandler(ComplaintStateException.class)
	ProblemDetail wrongState(ComplaintStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				this.labels.get(ex.messageKey(), this.labels.get("complaint.status." + ex.status().name())));
		problem.setTitle(this.labels.get("complaint.state.title"));
		problem.setProperty("status", ex.status().name());
		return problem;
	}

	record Versioned(Integer version) {
	}

	record Assignment(@NotBlank String owner, Integer version) {
	}

	record HelpRequest(@NotBlank String helper, Integer version) {
	}

	record LevelsUpdate(@NotEmpty List<@Valid ServiceLevelInput> levels) {
	}

}
