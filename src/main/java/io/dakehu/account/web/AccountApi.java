package io.dakehu.account.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dakehu.account.AccountCustomFields;
import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountGrades;
import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRow;
import io.dakehu.account.AccountSegments;
import io.dakehu.account.AccountService;
import io.dakehu.account.DuplicateAccountException;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Labels;
import jakarta.validation.Valid;

import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts over the API. Lists and reads see only the caller's record scope; an account
 * outside it answers 404.
 */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountApi {

	private final AccountQueries queries;

	private final AccountService accounts;

	private final Users users;

	private final Labels labels;

	/** The customer tier filter, when the module that computes tiers is present. */
	private final AccountSegments segments;

	/** The credit grade filter, when the module that rates credit is present. */
	private final AccountGrades grades;

	private final AccountCustomFields customFields;

	AccountApi(AccountQueries queries, AccountService accounts, Users users, ObjectProvider<AccountSegments> segments,
			ObjectProvider<AccountGrades> grades, Labels labels, AccountCustomFields customFields) {
		this.customFields = customFields;
		this.labels = labels;
		this.queries = queries;
		this.accounts = accounts;
		this.users = users;
		this.segments = segments.getIfAvailable();
		this.grades = grades.getIfAvailable();
	}

	/**
	 * The list; {@code customFields.<key>=value} filters by a custom field (see
	 * {@link io.dakehu.customfield.CustomFields#filter}).
	 */
	@GetMapping
	PageResult<AccountJson.Row> list(AccountListParams params, @RequestParam Map<String, String> query) {
		PageResult<AccountRow> page = this.queries.search(this.users.current().scope(), params.criteria(),
				params.pageRequest(), params.segment(this.segments, this.grades),
				AccountListParams.customFilters(query));
		List<Long> ids = page.content().stream().map(AccountRow::id).toList();
		Map<Long, String> gradeOf = (this.grades != null) ? this.grades.of(ids) : Map.of();
		return page.map((row) -> AccountJson.Row.of(row, gradeOf.get(row.id()), row.customFields()));
	}

	/**
	 * Opens an account. One whose name (folded, see
	 * {@link io.dakehu.account.AccountNames}) or registration id matches a stored account
	 * answers 409 with the matches; {@code ?force=true} creates it anyway after a name
	 * match, never after a registration id match.
	 */
	@PostMapping
	ResponseEntity<AccountJson> create(@Valid @RequestBody AccountInput input,
			@RequestParam(defaultValue = "false") boolean force) {
		AccountDetails created = this.accounts.open(this.users.current(), input, force);
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + created.id())).body(json(created));
	}

	@ExceptionHandler(DuplicateAccountException.class)
	ProblemDetail duplicate(DuplicateAccountException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				this.labels.get(ex.forcible() ? "error.duplicateAccount" : "error.duplicateRegistrationId"));
		problem.setTitle(this.labels.get("error.duplicateAccount.title"));
		problem.setProperty("existing",
				ex.matches()
					.stream()
					.map((match) -> new Existing(match.id(), match.name(),
							(match.id() != null) ? "/api/v1/accounts/" + match.id() : null,
							match.sameRegistrationId() ? "registrationId" : "name"))
					.toList());
		problem.setProperty("forcible", ex.forcible());
		return problem;
	}

	/**
	 * A stored account a new one would duplicate; id, name and href are null when it lies
	 * outside the caller's scope.
	 */
	record Existing(Long id, String name, String href, String matchedOn) {
	}

	/**
	 * One account; a merged account's address answers 308 with the survivor's.
	 */
	@GetMapping("/{id}")
	ResponseEntity<AccountJson> get(@PathVariable long id) {
		Optional<Long> survivor = this.queries.survivorOf(id);
		if (survivor.isPresent()) {
			return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT)
				.location(URI.create("/api/v1/accounts/" + survivor.get()))
				.build();
		}
		return ResponseEntity.ok(json(this.queries.details(this.users.current().scope(), id)));
	}

	/**
	 * @param into the survivor's id
	 * @param version the merged account's version as the caller last read it
	 */
	record MergeRequest(Long into, Integer version) {
	}

	/**
	 * Merges this account into another ({@code into}), which keeps every record of both;
	 * this one stays as a tombstone that redirects to it. The caller must be able to edit
	 * both.
	 */
	@PostMapping("/{id}/merge")
	AccountJson merge(@PathVariable long id, @RequestBody MergeRequest request) {
		CurrentUser editor = this.users.current();
		this.queries.requireVisible(editor.scope(), id);
		if (request.into() == null) {
			throw new RuleViolationException("into", "validation.required");
		}
		if (request.version() == null) {
			throw new RuleViolationException("version", "validation.versionRequired");
		}
		return json(this.accounts.merge(editor, id, request.into(), request.version()));
	}

	@PutMapping("/{id}")
	AccountJson update(@PathVariable long id, @Valid @RequestBody AccountInput input) {
		CurrentUser editor = this.users.current();
		this.queries.requireVisible(editor.scope(), id);
		if (input.version() == null) {
			throw new RuleViolationException("version", "validation.versionRequired");
		}
		return json(this.accounts.update(editor, id, input.version(), input));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> archive(@PathVariable long id) {
		this.accounts.archive(this.users.current(), id);
		return ResponseEntity.noContent().build();
	}

	private AccountJson json(AccountDetails account) {
		return AccountJson.of(account, this.grades, this.customFields.of(account.id()));
	}

}
