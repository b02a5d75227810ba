package io.dakehu.accountplan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A plan as entered. The goals are always taken as given (an empty one stays open); the
 * SWOT lists and the actions replace the plan's when given and are kept when left out.
 * {@code year} is required to create a plan and may be left out of an update;
 * {@code version} is required for an update.
 *
 * @param targetStage a stage of the 25-grid ({@code GESTATION} … {@code PARTNER})
 */
public record PlanInput(@Min(2000) @Max(2100) Integer year,
		@DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal revenueTarget,
		@DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal walletShareTarget,
		String targetStage, @Valid Swot swot, List<@Valid Action> actions, Integer version) {

	/** The four SWOT lists, each entry a line of text. */
	public record Swot(List<@NotBlank @Size(max = 500) String> strengths,
			List<@NotBlank @Size(max = 500) String> weaknesses, List<@NotBlank @Size(max = 500) String> opportunities,
			List<@NotBlank @Size(max = 500) String> threats) {
	}

	/**
	 * An action as entered.
	 *
	 * @param owner username; the person entering it when left out
	 * @param status {@code PLANNED} when left out
	 * @param linkKind the kind of record the action stands for, such as
	 * {@code opportunity}; with {@code linkId}
	 */
	public record Action(@NotBlank @Size(max = 500) String what, String owner, @NotNull LocalDate dueDate,
			String status, String linkKind, Long linkId) {
	}

}
