package io.dakehu.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an administrator enters to create a user. Team and manager are named, not
 * numbered, so an ERP export or a script can create users without looking up ids. The
 * password's rules are the service's (length in bytes, common passwords, the user's
 * name).
 */
public record NewUser(
		@NotBlank @Size(max = 50) @Pattern(regexp = "[A-Za-z0-9._@-]+",
				message = "{validation.username}") String username,
		@NotBlank @Size(max = 100) String displayName, @Email @Size(max = 200) String email, @NotBlank String password,
		@NotNull Role role, @Size(max = 100) String team, @Size(max = 50) String manager) {
}
