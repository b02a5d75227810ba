package io.dakehu.scorecard;

import java.util.Map;

/**
 * An evaluator's channel evaluation (DOMAIN.md §6.1), as {@code POST
 * /api/v1/accounts/{id}/channel-evaluations} takes it.
 *
 * @param inputs the factors' ratings (1–5) by number
 * @param interests the partner's own interests, recorded beside the score
 */
public record ChannelRequest(Map<String, Object> inputs, ChannelInterests interests) {

	public ChannelRequest {
		inputs = (inputs != null) ? inputs : Map.of();
		interests = (interests != null) ? interests : new ChannelInterests(null, null, null, null, null, null);
	}

}
