package io.dakehu.account;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * An account as entered in the form or sent to the API. The owner and team are usernames;
 * an empty owner means the person entering it. {@code version} is the version the editor
 * last saw, required for updates so a stale edit is refused instead of overwriting
 * someone else's. {@code channelPartner} marks a distributor, dealer or agent (DOMAIN.md
 * §6.1); null leaves the mark as it is. {@code customFields} holds the values of the
 * administrators' custom fields by key (decision 0048); null leaves them as they are, and
 * a key absent keeps its value.
 */
public record AccountInput(@NotBlank @Size(max = 200) String name, @Size(max = 50) String registrationId,
		@Size(max = 100) String industry, @Size(max = 100) String region, @Size(max = 300) String address,
		@PositiveOrZero @Max(10_000_000) Integer employees,
		@DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal annualRevenue, Long parentId,
		@Size(max = 50) String owner, KeyAccountType keyAccountType, RelationshipType relationshipType,
		SalesApproach salesApproach, LifecycleStatus status, @Size(max = 2000) String description,
		List<@Size(max = 50) String> team, Integer version, Boolean channelPartner, Map<String, Object> customFields) {

	/** The same input with these custom field values. */
	public AccountInput withCustomFields(Map<String, Object> values) {
		return new AccountInput(this.name, this.registrationId, this.industry, this.region, this.address,
				this.employees, this.annualRevenue, this.parentId, this.owner, this.keyAccountType,
				this.relationshipType, this.salesApproach, this.status, this.description, this.team, this.version,
				this.channelPartner, values);
	}

}
