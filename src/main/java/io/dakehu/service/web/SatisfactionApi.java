package io.dakehu.service.web;

import java.net.URI;

import io.dakehu.identity.Users;
import io.dakehu.service.Satisfaction;
import io.dakehu.service.SurveyInput;
import io.dakehu.service.SurveySource;
import io.dakehu.service.SurveyView;
import io.dakehu.service.Surveys;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's satisfaction over the API: its surveys with the summary the data card
 * shows, and recording a survey. Scope as for the account: another KAM's account is not
 * found.
 */
@RestController
class SatisfactionApi {

	private final Surveys surveys;

	private final Users users;

	SatisfactionApi(Surveys surveys, Users users) {
		this.surveys = surveys;
		this.users = users;
	}

	@GetMapping("/api/v1/accounts/{accountId}/satisfaction")
	Satisfaction satisfaction(@PathVariable long accountId, @RequestParam(defaultValue = "100") int limit) {
		return this.surveys.of(this.users.current().scope(), accountId, Math.min(Math.max(limit, 1), 500));
	}

	@PostMapping("/api/v1/accounts/{accountId}/satisfaction")
	ResponseEntity<SurveyView> record(@PathVariable long accountId, @Valid @RequestBody SurveyInput input) {
		SurveyView created = this.surveys.record(this.users.current(), accountId, input, SurveySource.ENTERED);
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + accountId + "/satisfaction")).body(created);
	}

}
