package io.dakehu.opportunity.web;

import java.util.List;
import java.util.Map;

import io.dakehu.identity.Users;
import io.dakehu.opportunity.Stage;
import io.dakehu.opportunity.StageWinRate;
import io.dakehu.opportunity.WinRates;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Win probabilities from history: each buying step's won share over the last 24 months
 * with its counts, and adopting it as the configured probability (administrators).
 */
@RestController
class WinRateApi {

	private final WinRates winRates;

	private final Users users;

	WinRateApi(WinRates winRates, Users users) {
		this.winRates = winRates;
		this.users = users;
	}

	@GetMapping("/api/v1/stage-probabilities/history")
	List<StageWinRate> history() {
		return this.winRates.rates();
	}

	/** Answers the configured probabilities after the change. */
	@PostMapping("/api/v1/stage-probabilities/adopt")
	Map<Stage, Integer> adopt(@RequestBody AdoptRequest request) {
		return this.winRates.adopt(this.users.current(), (request.stages() != null) ? request.stages() : List.of());
	}

	record AdoptRequest(List<Stage> stages) {
	}

}
