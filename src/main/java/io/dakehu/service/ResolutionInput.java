package io.dakehu.service;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * How a complaint was resolved and why it happened; the return visit falls on
 * {@code returnVisitDue}, a week after resolution when not given.
 */
public record ResolutionInput(@NotBlank @Size(max = 4000) String resolution,
		@NotBlank @Size(max = 2000) String rootCause, LocalDate returnVisitDue, Integer version) {
}
