package io.dakehu.service;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import io.dakehu.segmentation.LatestClasses;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.Tier;
import io.dakehu.segmentation.TierSql;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one place this module asks segmentation: the tier and ABC class of accounts in the
 * latest run (an account never ranked is Small, DOMAIN.md §10.1) and the contact cadence
 * per tier, read through the tier SQL segmentation publishes.
 */
@Component
class TierStandings {

	private final LatestClasses classes;

	private final Segmentation segmentation;

	private final JdbcClient jdbc;

	TierStandings(LatestClasses classes, Segmentation segmentation, JdbcClient jdbc) {
		this.classes = classes;
		this.segmentation = segmentation;
		this.jdbc = jdbc;
	}

	Map<Long, LatestClasses.Classes> of(Collection<Long> accountIds) {
		return this.classes.of(accountIds);
	}

	Tier tierOf(long accountId) {
		LatestClasses.Classes found = this.classes.of(java.util.List.of(accountId)).get(accountId);
		return (found != null) ? found.tier() : Tier.SMALL;
	}

	/** Days between contacts per tier, as the segmentation settings say today. */
	Map<Tier, Integer> cadences() {
		TierSql tiers = this.segmentation.latestTierSql();
		StringBuilder select = new StringBuilder("select ");
		Tier[] all = Tier.values();
		for (int i = 0; i < all.length; i++) {
			select.append((i > 0) ? ", " : "").append(tiers.cadence("'" + all[i].name() + "'"));
		}
		Map<Tier, Integer> cadences = new EnumMap<>(Tier.class);
		this.jdbc.sql(select.toString()).params(tiers.params()).query((rs, n) -> {
			for (int i = 0; i < all.length; i++) {
				cadences.put(all[i], rs.getInt(i + 1));
			}
			return cadences;
		}).single();
		return cadences;
	}

}
