package io.dakehu.service;

import java.time.LocalDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/**
 * A complaint as recorded: the contact, if named, works at the account; received now
 * unless the customer made it earlier.
 */
public record ComplaintInput(@NotNull Long accountId, Long contactId, @PastOrPresent LocalDateTime receivedAt,
		@NotNull ComplaintChannel channel, @NotNull ComplaintCategory category, @NotNull Severity severity,
		@NotBlank @Size(max = 4000) String description) {
}
