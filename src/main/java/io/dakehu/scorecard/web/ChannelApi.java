package io.dakehu.scorecard.web;

import java.net.URI;
import java.util.List;

import io.dakehu.identity.Users;
import io.dakehu.scorecard.ChannelEvaluations;
import io.dakehu.scorecard.ChannelPartnerList;
import io.dakehu.scorecard.ChannelRequest;
import io.dakehu.scorecard.ChannelView;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Channel evaluation over the API (DOMAIN.md §6.1), limited to the caller's record scope.
 */
@RestController
class ChannelApi {

	private final ChannelEvaluations evaluations;

	private final Users users;

	ChannelApi(ChannelEvaluations evaluations, Users users) {
		this.evaluations = evaluations;
		this.users = users;
	}

	@PostMapping("/api/v1/accounts/{accountId}/channel-evaluations")
	ResponseEntity<ChannelView> evaluate(@PathVariable long accountId, @RequestBody ChannelRequest request) {
		ChannelView created = this.evaluations.evaluate(this.users.current(), accountId, request);
		return ResponseEntity.created(URI.create("/api/v1/channel-evaluations/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/accounts/{accountId}/channel-evaluations")
	List<ChannelView> history(@PathVariable long accountId) {
		return this.evaluations.history(this.users.current().scope(), accountId);
	}

	@GetMapping("/api/v1/channel-evaluations/{id}")
	ChannelView get(@PathVariable long id) {
		return this.evaluations.get(this.users.current().scope(), id);
	}

	/**
	 * @param band only the partners of this band (NONE for never evaluated)
	 */
	@GetMapping("/api/v1/channel-partners")
	ChannelPartnerList partners(@RequestParam(required = false) String band) {
		return this.evaluations.partners(this.users.current().scope(), band);
	}

}
