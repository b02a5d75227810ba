package io.dakehu.service;

import io.dakehu.segmentation.Tier;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A tier's service level as an administrator edits it, with the version it was read at.
 */
public record ServiceLevelInput(@NotNull Tier tier, @NotNull @Min(1) @Max(720) Integer responseHours,
		@NotNull @Min(1) @Max(365) Integer resolutionDays, @NotNull @Min(0) @Max(52) Integer executiveVisitsPerYear,
		Integer version) {
}
