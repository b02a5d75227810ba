package io.dakehu.account.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.dakehu.account.AccountAccess;
import io.dakehu.account.AccountCustomFields;
import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountGrades;
import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountListMenus;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRow;
import io.dakehu.account.AccountSegments;
import io.dakehu.account.AccountService;
import io.dakehu.account.ChurnReason;
import io.dakehu.account.DuplicateAccountException;
import io.dakehu.account.KeyAccountType;
import io.dakehu.account.LifecycleStatus;
import io.dakehu.account.RelationshipType;
import io.dakehu.account.SalesApproach;
import io.dakehu.customfield.CustomField;
import io.dakehu.customfield.CustomFieldProblem;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.RecordType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;
import io.dakehu.shared.web.PickerOption;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The account pages: the searchable list, the five-part data card, and the account form.
 */
@Controller
class AccountPages {

	private static final String CUSTOM = "customFields.";

	private final AccountQueries queries;

	private final AccountService accounts;

	private final Users users;

	/** The customer tier, when the module that computes it is present. */
	private final AccountSegments segments;

	/** The credit grade, when the module that rates credit is present. */
	private final AccountGrades grades;

	private final AccountCustomFields customFields;

	private final CustomFields definitions;

	private final Labels labels;

	private final AccountListMenus menus;

	private final TransactionOperations reads;

	AccountPages(AccountQueries queries, AccountService accounts, Users users, ObjectProvider<AccountSegments> segments,
			ObjectProvider<AccountGrades> grades, AccountCustomFields customFields, CustomFields definitions,
			Labels labels, AccountListMenus menus, PlatformTransactionManager transactions) {
		this.menus = menus;
		TransactionTemplate reads = new TransactionTemplate(transactions);
		reads.setReadOnly(true);
		this.reads = reads;
		this.customFields = customFields;
		this.definitions = definitions;
		this.labels = labels;
		this.queries = queries;
		this.accounts = accounts;
		this.users = users;
		this.segments = segments.getIfAvailable();
		this.grades = grades.getIfAvailable();
	}

	/**
	 * The custom fields' inputs are read by {@link CustomFields#fromForm}, not bound: the
	 * form object holds them as one map the binder cannot grow.
	 */
	@InitBinder("form")
	void customFieldsUnbound(WebDataBinder binder) {
		binder.setDisallowedFields(CUSTOM + "*");
	}

	/**
	 * The list's reads share one read-only transaction: a dozen statements from five
	 * modules, each of which would otherwise begin and commit its own (two round trips
	 * each) on a connection of its own from the pool. So do the account page's.
	 */
	@GetMapping("/accounts")
	String list(AccountListParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestParam MultiValueMap<String, String> query, Model model) {
		return this.reads.execute((status) -> listPage(params, htmx, query, model));
	}

	private String listPage(AccountListParams params, String htmx, MultiValueMap<String, String> query, Model model) {
		CurrentUser me = this.users.current();
		Map<String, String> customFilters = AccountListParams.customFilters(query.toSingleValueMap());
		PageResult<AccountRow> result = this.queries.search(me.scope(), params.criteria(), params.pageRequest(),
				params.segment(this.segments, this.grades), customFilters);
		model.addAttribute("result", result);
		List<CustomField> fields = this.customFields.shown();
		List<String> columns = query.getOrDefault("columns", List.of());
		model.addAttribute("customFieldDefs", fields);
		model.addAttribute("customFilters", customFilters);
		model.addAttribute("customColumns", fields.stream().filter((f) -> columns.contains(f.key())).toList());
		model.addAttribute("chosenColumns", columns);
		model.addAttribute("customValuesOf",
				result.content()
					.stream()
					.collect(java.util.stream.Collectors.toMap(AccountRow::id, AccountRow::customFields)));
		model.addAttribute("gradeOf", (this.grades != null)
				? this.grades.of(result.content().stream().map(AccountRow::id).toList()) : java.util.Map.of());
		model.addAttribute("grades", (this.grades != null) ? this.grades.codes() : List.of());
		model.addAttribute("tierOf", (this.segments != null)
				? this.segments.of(result.content().stream().map(AccountRow::id).toList()) : java.util.Map.of());
		model.addAttribute("tiers", (this.segments != null) ? this.segments.codes() : List.of());
		model.addAttribute("tierLabel", (this.segments != null) ? this.segments.labelPrefix() : "");
		model.addAttribute("params", params);
		model.addAttribute("pageUrl", pageUrl(params, customFilters, columns));
		if (htmx != null) {
			return "account/list :: results";
		}
		AccountListMenus.Menus menus = this.menus.of(me.scope());
		model.addAttribute("ownerMenu", menus);
		model.addAttribute("industries", menus.industries());
		model.addAttribute("regions", menus.regions());
		model.addAttribute("types", KeyAccountType.values());
		model.addAttribute("statuses", LifecycleStatus.values());
		model.addAttribute("lifecycleRefresh", me.scope().all());
		return "account/list";
	}

	@GetMapping("/accounts/new")
	String newAccount(Model model) {
		model.addAttribute("form", new AccountInput(null, null, null, null, null, null, null, null, null, null, null,
				null, LifecycleStatus.PROSPECT, null, null, null, null, null));
		return form(model, null, (AccountInput) model.getAttribute("form"));
	}

	@PostMapping("/accounts")
	String create(@Valid @ModelAttribute("form") AccountInput typed, BindingResult errors,
			@RequestParam(defaultValue = "false") boolean force, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		AccountInput form = typed
			.withCustomFields(this.definitions.fromForm(RecordType.ACCOUNT, request.getParameterMap()));
		// The bound object stays the model's "form": replacing it would drop its binding
		// errors from the page. The custom fields' values reach the page on their own.
		if (!errors.hasErrors()) {
			try {
				AccountDetails created = this.accounts.open(this.users.current(), form, force);
				Flash.success(redirect, "flash.saved");
				return "redirect:/accounts/" + created.id();
			}
			catch (RuleViolationException ex) {
				refused(ex, errors, model);
			}
			catch (DuplicateAccountException ex) {
				// The form again with the accounts it matches, and "create anyway" where
				// the name alone matched.
				model.addAttribute("duplicates", ex.matches());
				model.addAttribute("forcible", ex.forcible());
			}
		}
		return form(model, null, form);
	}

	/**
	 * The data card. A reader whose own deal opens the account without it being in their
	 * scope sees its basic data, characteristics and contacts, read-only (decision 0017);
	 * related accounts are links only where the reader may open them.
	 */
	@GetMapping("/accounts/{id}")
	String show(@PathVariable long id, Locale locale, Model model) {
		return this.reads.execute((status) -> showPage(id, locale, model));
	}

	private String showPage(long id, Locale locale, Model model) {
		CurrentUser me = this.users.current();
		// A merged account's address leads to the account that absorbed it.
		Optional<Long> survivor = this.queries.survivorOf(id);
		if (survivor.isPresent()) {
			return "redirect:/accounts/" + survivor.get();
		}
		AccountQueries.Readable readable = this.queries.readable(me.scope(), id);
		AccountAccess access = readable.access();
		AccountDetails account = readable.details();
		List<Long> related = new ArrayList<>();
		if (account.parentId() != null) {
			related.add(account.parentId());
		}
		account.children().forEach((child) -> related.add(child.id()));
		model.addAttribute("account", account);
		model.addAttribute("readOnly", access == AccountAccess.READ_ONLY);
		model.addAttribute("openable", this.queries.openable(me.scope(), related));
		model.addAttribute("churnReasons", ChurnReason.values());
		model.addAttribute("customFields",
				this.definitions.shown(RecordType.ACCOUNT, this.customFields.of(id), locale));
		return "account/show";
	}

	@GetMapping("/accounts/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		AccountDetails account = this.queries.details(this.users.current().scope(), id);
		AccountInput form = inputOf(account).withCustomFields(this.customFields.of(id));
		model.addAttribute("form", form);
		model.addAttribute("baseline", EditBaseline.of(form));
		return form(model, account, form);
	}

	@PostMapping("/accounts/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") AccountInput typed, BindingResult errors,
			@RequestParam(required = false) String baseline, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		AccountInput form = typed
			.withCustomFields(this.definitions.fromForm(RecordType.ACCOUNT, request.getParameterMap()));
		// The bound object stays the model's "form": replacing it would drop its binding
		// errors from the page. The custom fields' values reach the page on their own.
		AccountDetails current = this.queries.details(me.scope(), id);
		model.addAttribute("baseline", baseline);
		AccountInput page = form;
		if (!errors.hasErrors()) {
			try {
				this.accounts.update(me, id, form.version(), form);
				Flash.success(redirect, "flash.saved");
				return "redirect:/accounts/" + id;
			}
			catch (RuleViolationException ex) {
				refused(ex, errors, model);
			}
			catch (StaleEditException ex) {
				// The form now carries the current version, so saving again is a
				// deliberate overwrite: of the fields the editor changed only, when the
				// form says what it was opened with.
				Optional<AccountInput> opened = EditBaseline.read(baseline);
				AccountInput stored = inputOf(current);
				AccountInput shown = opened.map((o) -> EditBaseline.merged(o, form, stored))
					.orElseGet(() -> withVersion(form, current.version()));
				model.addAttribute("stale", differences(shown, stored, opened.orElse(null)));
				model.addAttribute("staleMerged", opened.isPresent());
				model.addAttribute("form", shown);
				model.addAttribute("baseline", EditBaseline.of(stored));
				page = shown;
			}
		}
		return form(model, current, page);
	}

	@PostMapping("/accounts/{id}/archive")
	String archive(@PathVariable long id, RedirectAttributes redirect) {
		this.accounts.archive(this.users.current(), id);
		Flash.success(redirect, "flash.archived");
		return "redirect:/accounts/" + id;
	}

	@PostMapping("/accounts/{id}/restore")
	String restore(@PathVariable long id, RedirectAttributes redirect) {
		this.accounts.restore(this.users.current(), id);
		Flash.success(redirect, "flash.restored");
		return "redirect:/accounts/" + id;
	}

	/**
	 * The account picker: live accounts the reader may see whose name contains the typed
	 * text, whatever the letter case.
	 */
	@GetMapping("/accounts/picker")
	String picker(@RequestParam(required = false) String q, Model model) {
		model.addAttribute("options",
				this.queries.suggest(this.users.current().scope(), q, PickerOption.LIMIT)
					.stream()
					.map((a) -> new PickerOption(String.valueOf(a.id()), a.name(), null))
					.toList());
		return "picker :: options";
	}

	/**
	 * The form with the names its pickers show for the ids and usernames it holds.
	 */
	private String form(Model model, AccountDetails account, AccountInput form) {
		model.addAttribute("account", account);
		model.addAttribute("parentName",
				(form.parentId() != null) ? this.queries.names(List.of(form.parentId())).get(form.parentId()) : null);
		UserSummary owner = (form.owner() != null && !form.owner().isBlank())
				? this.users.findByUsername(form.owner().strip()).orElse(null) : null;
		model.addAttribute("ownerName", (owner != null) ? owner.displayName() : form.owner());
		model.addAttribute("teamChosen", colleagues(form.team()));
		model.addAttribute("types", KeyAccountType.values());
		model.addAttribute("relationshipTypes", RelationshipType.values());
		model.addAttribute("approaches", SalesApproach.values());
		model.addAttribute("customFieldDefs", this.customFields.active());
		model.addAttribute("customValues", (form.customFields() != null) ? form.customFields() : Map.of());
		return "account/form";
	}

	/**
	 * A refused value shown under its input: a custom field's under its own, which the
	 * form object has no property for.
	 */
	private void refused(RuleViolationException ex, BindingResult errors, Model model) {
		CustomFieldProblem custom = CustomFieldProblem.of(ex, this.labels);
		if (custom != null) {
			model.addAttribute("customProblem", custom);
		}
		else {
			errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
		}
	}

	private List<PickerOption> colleagues(List<String> usernames) {
		if (usernames == null) {
			return List.of();
		}
		return usernames.stream()
			.filter((username) -> username != null && !username.isBlank())
			.map((username) -> new PickerOption(username,
					this.users.findByUsername(username.strip()).map(UserSummary::displayName).orElse(username), null))
			.toList();
	}

	private static AccountInput inputOf(AccountDetails a) {
		return new AccountInput(a.name(), a.registrationId(), a.industry(), a.region(), a.address(), a.employees(),
				a.annualRevenue(), a.parentId(), a.ownerUsername(), a.keyAccountType(), a.relationshipType(),
				a.salesApproach(), a.status(), a.description(),
				a.team().stream().map(AccountDetails.TeamMember::username).toList(), a.version(), a.channelPartner(),
				null);
	}

	private static AccountInput withVersion(AccountInput f, int version) {
		return new AccountInput(f.name(), f.registrationId(), f.industry(), f.region(), f.address(), f.employees(),
				f.annualRevenue(), f.parentId(), f.owner(), f.keyAccountType(), f.relationshipType(), f.salesApproach(),
				f.status(), f.description(), f.team(), version, f.channelPartner(), f.customFields());
	}

	/**
	 * The fields where the editor's values and the stored ones differ, to show side by
	 * side after a conflict: of those, only the ones changed since the form was opened,
	 * when it says what it was opened with.
	 */
	private static List<StaleField> differences(AccountInput yours, AccountInput stored, AccountInput opened) {
		List<StaleField> fields = new ArrayList<>();
		compare(fields, "account.name", yours, stored, opened, AccountInput::name);
		compare(fields, "account.registrationId", yours, stored, opened, AccountInput::registrationId);
		compare(fields, "account.industry", yours, stored, opened, AccountInput::industry);
		compare(fields, "account.region", yours, stored, opened, AccountInput::region);
		compare(fields, "account.address", yours, stored, opened, AccountInput::address);
		compare(fields, "account.employees", yours, stored, opened, AccountInput::employees);
		compare(fields, "account.annualRevenue", yours, stored, opened, AccountInput::annualRevenue);
		compare(fields, "account.owner", yours, stored, opened, AccountInput::owner);
		compare(fields, "account.keyAccountType", yours, stored, opened, AccountInput::keyAccountType);
		compare(fields, "account.relationshipType", yours, stored, opened, AccountInput::relationshipType);
		compare(fields, "account.salesApproach", yours, stored, opened, AccountInput::salesApproach);
		compare(fields, "account.description", yours, stored, opened, AccountInput::description);
		return fields;
	}

	private static void compare(List<StaleField> fields, String label, AccountInput yours, AccountInput stored,
			AccountInput opened, Function<AccountInput, Object> field) {
		Object mine = field.apply(yours);
		Object theirs = field.apply(stored);
		boolean changedMeanwhile = opened == null || !EditBaseline.same(field.apply(opened), theirs);
		if (changedMeanwhile && !EditBaseline.same(mine, theirs)) {
			fields.add(new StaleField(label, shown(mine), shown(theirs)));
		}
	}

	private static String shown(Object value) {
		return (value != null && !value.toString().isBlank()) ? value.toString().strip() : "";
	}

	private static String pageUrl(AccountListParams p, Map<String, String> customFilters, List<String> columns) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/accounts");
		param(url, "q", p.q());
		param(url, "owner", p.owner());
		param(url, "industry", p.industry());
		param(url, "region", p.region());
		param(url, "type", p.type());
		param(url, "status", p.status());
		param(url, "tier", p.tier());
		param(url, "grade", p.grade());
		param(url, "archived", p.archived());
		param(url, "sort", p.sort());
		param(url, "size", p.size());
		customFilters.forEach((key, value) -> param(url, CUSTOM + key, value));
		columns.forEach((column) -> param(url, "columns", column));
		return url.queryParam("x", "").build().encode().toUriString();
	}

	private static void param(UriComponentsBuilder url, String name, Object value) {
		if (value != null && !value.toString().isBlank()) {
			url.queryParam(name, value);
		}
	}

	record StaleField(String label, String yours, String current) {
	}

}
