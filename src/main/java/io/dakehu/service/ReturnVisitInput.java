package io.dakehu.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What the customer said at the return visit: satisfaction with the handling, 1–5. */
public record ReturnVisitInput(@NotNull @Min(1) @Max(5) Integer satisfaction, @Size(max = 2000) String notes,
		Integer version) {
}
