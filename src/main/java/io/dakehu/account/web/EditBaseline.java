package io.dakehu.account.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.dakehu.account.AccountInput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The values an account's edit form was opened with, carried by the form itself (a hidden
 * input), so that after an edit conflict each field the editor left as it was takes what
 * a colleague saved meanwhile, instead of the editor's next Save writing the old value
 * back over it. Only the fields both changed are left for the editor to decide. Custom
 * fields are not carried: they keep the editor's values, as before. A baseline the editor
 * altered only changes which of their own form's values are kept.
 */
final class EditBaseline {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EditBaseline() {
	}

	/** The form's opening values, encoded for a hidden input. */
	static String of(AccountInput opened) {
		AccountInput carried = new AccountInput(opened.name(), opened.registrationId(), opened.industry(),
				opened.region(), opened.address(), opened.employees(), opened.annualRevenue(), opened.parentId(),
				opened.owner(), opened.keyAccountType(), opened.relationshipType(), opened.salesApproach(),
				opened.status(), opened.description(), opened.team(), null, opened.channelPartner(), null);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(carried));
	}

	/** The opening values a form sent back; empty when it sent none or none readable. */
	static Optional<AccountInput> read(String encoded) {
		if (encoded == null || encoded.isBlank()) {
			return Optional.empty();
		}
		try {
			byte[] json = Base64.getUrlDecoder().decode(encoded.strip());
			return Optional.of(JSON.readValue(new String(json, StandardCharsets.UTF_8), AccountInput.class));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Field by field: the editor's value where they changed it, else the current one. The
	 * version becomes the current one, so saving the result is the editor's decision on
	 * what is left.
	 */
	static AccountInput merged(AccountInput opened, AccountInput yours, AccountInput current) {
		return new AccountInput(pick(opened.name(), yours.name(), current.name()),
				pick(opened.registrationId(), yours.registrationId(), current.registrationId()),
				pick(opened.industry(), yours.industry(), current.industry()),
				pick(opened.region(), yours.region(), current.region()),
				pick(opened.address(), yours.address(), current.address()),
				pick(opened.employees(), yours.employees(), current.employees()),
				pick(opened.annualRevenue(), yours.annualRevenue(), current.annualRevenue()),
				pick(opened.parentId(), yours.parentId(), current.parentId()),
				pick(opened.owner(), yours.owner(), current.owner()),
				pick(opened.keyAccountType(), yours.keyAccountType(), current.keyAccountType()),
				pick(opened.relationshipType(), yours.relationshipType(), current.relationshipType()),
				pick(opened.salesApproach(), yours.salesApproach(), current.salesApproach()),
				pick(opened.status(), yours.status(), current.status()),
				pick(opened.description(), yours.description(), current.description()),
				pick(opened.team(), yours.team(), current.team()), current.version(),
				pick(opened.channelPartner(), yours.channelPartner(), current.channelPartner()), yours.customFields());
	}

	/**
	 * Whether two values of a field are the same as a form shows them: text without its
	 * surrounding spaces and blank as empty, amounts whatever their scale, a team
	 * whatever its order, an unticked box as no.
	 */
	static boolean same(Object a, Object b) {
		Object x = normal(a);
		Object y = normal(b);
		if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
			return p.compareTo(q) == 0;
		}
		return Objects.equals(x, y);
	}

	private static <T> T pick(T opened, T yours, T current) {
		return same(yours, opened) ? current : yours;
	}

	private static Object normal(Object value) {
		if (value instanceof String text) {
			return text.isBlank() ? null : text.strip();
		}
		if (value instanceof List<?> list) {
			Set<String> members = list.stream()
				.filter(Objects::nonNull)
				.map((member) -> member.toString().strip())
				.filter((member) -> !member.isEmpty())
				.collect(Collectors.toSet());
			return members.isEmpty() ? null : members;
		}
		if (Boolean.FALSE.equals(value)) {
			return null;
		}
		return value;
	}

}
