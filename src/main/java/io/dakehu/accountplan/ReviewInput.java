package io.dakehu.accountplan;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A review as entered, against the plan's version. */
public record ReviewInput(@NotNull LocalDate reviewedOn, @NotBlank @Size(max = 2000) String note, Integer version) {
}
