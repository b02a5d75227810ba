package io.dakehu.service;

import java.time.LocalDateTime;

import io.dakehu.segmentation.Tier;

/**
 * What one tier earns (DOMAIN.md §10.1): a complaint answered within
 * {@code responseHours} and resolved within {@code resolutionDays} of its receipt,
 * {@code executiveVisitsPerYear} visits by an executive (高层主管拜访, 0 for none), and a
 * contact every {@code cadenceDays}, which the segmentation settings keep and are shown
 * here read-only so a tier's whole level is in one place.
 */
public record ServiceLevel(Tier tier, int responseHours, int resolutionDays, int executiveVisitsPerYear,
		int cadenceDays, int version) {

	LocalDateTime responseDue(LocalDateTime receivedAt) {
		return receivedAt.plusHours(this.responseHours);
	}

	LocalDateTime resolutionDue(LocalDateTime receivedAt) {
		return receivedAt.plusDays(this.resolutionDays);
	}

}
