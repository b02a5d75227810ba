package io.dakehu.contact;

import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A contact as entered in the form or sent to the API; {@code version} is required for
 * updates. {@code customFields} holds the values of the administrators' custom fields by
 * key; null leaves them as they are, and a key absent keeps its value.
 */
public record ContactInput(@NotBlank @Size(max = 100) String name, @Size(max = 100) String title,
		@Size(max = 100) String department, Long reportsToId,
		@Size(max = 50) @Pattern(regexp = "[0-9+()\\-. #*xX]*", message = "{validation.phone}") String phone,
		@Email @Size(max = 200) String email, @Past LocalDate birthday, @Size(max = 2000) String notes, Integer version,
		Map<String, Object> customFields) {

	/** The same input with these custom field values (decision 0048). */
	public ContactInput withCustomFields(Map<String, Object> values) {
		return new ContactInput(this.name, this.title, this.department, this.reportsToId, this.phone, this.email,
				this.birthday, this.notes, this.version, values);
	}

}
