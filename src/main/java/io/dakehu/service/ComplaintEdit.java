package io.dakehu.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A correction of what was recorded: the contact (who must work at the account), the
 * channel, category, severity and description. The account, the time received and the due
 * times stay as recorded.
 *
 * @param version the version the editor read
 */
public record ComplaintEdit(Long contactId, @NotNull ComplaintChannel channel, @NotNull ComplaintCategory category,
		@NotNull Severity severity, @NotBlank @Size(max = 4000) String description, Integer version) {
}
