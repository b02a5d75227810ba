package io.dakehu.customfield.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.customfield.CustomField;
import io.dakehu.customfield.CustomFieldInput;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.FieldType;
import io.dakehu.customfield.RecordType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page of custom fields: the fields of each record type, and a form
 * to add one or change one. Options are typed one a line as {@code key | 中文 | English}. A
 * refused form comes back with what was typed and the problem under its field; nothing
 * changes.
 */
@Controller
class CustomFieldPages {

	private final CustomFields fields;

	private final Users users;

	private final Labels labels;

	CustomFieldPages(CustomFields fields, Users users, Labels labels) {
		this.fields = fields;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/admin/custom-fields")
	String list(Model model) {
		requireAdmin();
		return page(model, new Form(), null);
	}

	@GetMapping("/admin/custom-fields/{id}")
	String edit(@PathVariable long id, Model model) {
		requireAdmin();
		return page(model, Form.of(this.fields.find(id)), id);
	}

	@PostMapping("/admin/custom-fields")
	String create(@ModelAttribute Form form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		CurrentUser admin = requireAdmin();
		try {
			this.fields.define(admin, form.input());
			Flash.success(redirect, "customField.saved");
			return "redirect:/admin/custom-fields";
		}
		catch (RuleViolationException ex) {
			return refused(model, form, null, ex, response);
		}
	}

	@PostMapping("/admin/custom-fields/{id}")
	String update(@PathVariable long id, @ModelAttribute Form form, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		CurrentUser admin = requireAdmin();
		try {
			this.fields.change(admin, id, form.input());
			Flash.success(redirect, "customField.saved");
			return "redirect:/admin/custom-fields";
		}
		catch (RuleViolationException ex) {
			return refused(model, form, id, ex, response);
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "error.stale");
			return "redirect:/admin/custom-fields/" + id;
		}
	}

	private String refused(Model model, Form form, Long id, RuleViolationException ex, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		String field = ex.field().startsWith("options") ? "options"
				: ex.field().startsWith("labels.") ? ex.field().replace(".", "") : ex.field();
		model.addAttribute("errorField", field);
		model.addAttribute("problem", this.labels.get(ex.messageKey(), ex.args()));
		return page(model, form, id);
	}

	private String page(Model model, Form form, Long editing) {
		Map<RecordType, List<CustomField>> byType = new LinkedHashMap<>();
		for (RecordType type : RecordType.values()) {
			byType.put(type, this.fields.all(type));
		}
		model.addAttribute("fieldsByType", byType);
		model.addAttribute("form", form);
		model.addAttribute("editing", editing);
		model.addAttribute("recordTypes", RecordType.values());
		model.addAttribute("fieldTypes", FieldType.values());
		return "customfield/admin";
	}

	private CurrentUser requireAdmin() {
		CurrentUser me = this.users.current();
		if (!me.isAdmin()) {
			throw new AccessDeniedException("Only administrators define custom fields");
		}
		return me;
	}

	/**
	 * The page's form as typed. {@code options} holds one option a line:
	 * {@code key | 中文 | English}.
	 */
	static final class Form {

		private RecordType recordType = RecordType.ACCOUNT;

		private String key;

		private FieldType type = FieldType.TEXT;

		private String labelZh;

		private String labelEn;

		private String options;

		private boolean required;

		private boolean active = true;

		private BigDecimal min;

		private BigDecimal max;

		private Integer version;

		static Form of(CustomField field) {
			Form form = new Form();
			form.recordType = field.recordType();
			form.key = field.key();
			form.type = field.type();
			form.labelZh = field.labelZh();
			form.labelEn = field.labelEn();
			List<String> lines = new ArrayList<>();
			field.options()
				.forEach((option) -> lines.add(option.key() + " | " + option.labelZh() + " | " + option.labelEn()));
			form.options = String.join("\n", lines);
			form.required = field.required();
			form.active = field.active();
			form.min = (field.min() != null) ? field.min().stripTrailingZeros() : null;
			form.max = (field.max() != null) ? field.max().stripTrailingZeros() : null;
			form.version = field.version();
			return form;
		}

		CustomFieldInput input() {
			List<CustomFieldInput.OptionInput> parsed = new ArrayList<>();
			if (StringUtils.hasText(this.options)) {
				for (String line : this.options.split("\\R")) {
					if (line.isBlank()) {
						continue;
					}
					String[] parts = line.split("\\|", -1);
					String zh = (parts.length > 1) ? parts[1].strip() : "";
					String en = (parts.length > 2) ? parts[2].strip() : zh;
					parsed.add(new CustomFieldInput.OptionInput(parts[0].strip(), Map.of("zh", zh, "en", en)));
				}
			}
			Map<String, String> labels = new LinkedHashMap<>();
			labels.put("zh", this.labelZh);
			labels.put("en", this.labelEn);
			return new CustomFieldInput(this.recordType, this.key, this.type, labels, parsed, this.required,
					this.active, this.min, this.max, this.version);
		}

		public RecordType getRecordType() {
			return this.recordType;
		}

		public void setRecordType(RecordType recordType) {
			this.recordType = recordType;
		}

		public String getKey() {
			return this.key;
		}

		public void setKey(String key) {
			this.key = key;
		}

		public FieldType getType() {
			return this.type;
		}

		public void setType(FieldType type) {
			this.type = type;
		}

		public String getLabelZh() {
			return this.labelZh;
		}

		public void setLabelZh(String labelZh) {
			this.labelZh = labelZh;
		}

		public String getLabelEn() {
			return this.labelEn;
		}

		public void setLabelEn(String labelEn) {
			this.labelEn = labelEn;
		}

		public String getOptions() {
			return this.options;
		}

		public void setOptions(String options) {
			this.options = options;
		}

		public boolean isRequired() {
			return this.required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

		public boolean isActive() {
			return this.active;
		}

		public void setActive(boolean active) {
			this.active = active;
		}

		public BigDecimal getMin() {
			return this.min;
		}

		public void setMin(BigDecimal min) {
			this.min = min;
		}

		public BigDecimal getMax() {
			return this.max;
		}

		public void setMax(BigDecimal max) {
			this.max = max;
		}

		public Integer getVersion() {
			return this.version;
		}

		public void setVersion(Integer version) {
			this.version = version;
		}

	}

}
