package io.dakehu.service;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import io.dakehu.segmentation.LatestClasses;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.Tier;

import org.springframework.stereotype.Component;

/**
 * The one place this module asks segmentation: the tier and ABC class of accounts in the
 * latest run (an account never ranked is Small, DOMAIN.md §10.1) and the contact cadence
 * per tier, as segmentation publishes them.
 */
@Component
class TierStandings {

	private final LatestClasses classes;

	private final Segmentation segmentation;

	TierStandings(LatestClasses classes, Segmentation segmentation) {
		this.classes = classes;
		this.segmentation = segmentation;
	}

	Map<Long, LatestClasses.Classes> of(Collection<Long> accountIds) {
		return this.classes.of(accountIds);
	}

	Tier tierOf(long accountId) {
		LatestClasses.Classes found = this.classes.of(java.util.List.of(accountId)).get(accountId);
		return (found != null) ? found.tier() : Tier.SMALL;
	}

	/**
	 * Days between contacts per tier, as the segmentation settings say today: the one
	 * published read of the cadences, which the home page's contact plan uses too.
	 */
	Map<Tier, Integer> cadences() {
		Map<Tier, Integer> cadences = new EnumMap<>(Tier.class);
		this.segmentation.latestTierSql().cadences().forEach((tier, days) -> cadences.put(Tier.valueOf(tier), days));
		return cadences;
	}

}
