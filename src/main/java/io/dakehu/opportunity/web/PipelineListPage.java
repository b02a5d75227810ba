package io.dakehu.opportunity.web;

import java.util.List;

import io.dakehu.customfield.CustomField;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.OpportunityCustomFields;
import io.dakehu.opportunity.OpportunityPage;
import io.dakehu.opportunity.OpportunitySort;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.PipelineFilter;
import io.dakehu.opportunity.Stage;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The pipeline as a list: a page at a time, sortable by its column headers, under the
 * same filters as the board, open opportunities only unless closed ones are asked for.
 * The list also filters by the opportunities' custom fields
 * ({@code customFields.<key>=value}) and shows those asked for as columns
 * ({@code columns=<key>}).
 */
@Controller
class PipelineListPage {

	static final int LIST_SIZE = 25;

	private final Pipeline pipeline;

	private final Users users;

	private final PipelineViews views;

	private final OpportunityCustomFields customFields;

	PipelineListPage(Pipeline pipeline, Users users, PipelineViews views, OpportunityCustomFields customFields) {
		this.customFields = customFields;
		this.pipeline = pipeline;
		this.users = users;
		this.views = views;
	}

	@GetMapping("/pipeline/list")
	String list(PipelineParams params, @RequestParam MultiValueMap<String, String> query, Model model) {
		CurrentUser me = this.users.current();
		PipelineFilter filter = params.filter(me)
			.withCustomFields(PipelineParams.customFilters(query.toSingleValueMap()));
		this.views.filters(model, me, filter);
		List<CustomField> fields = this.customFields.shown();
		List<String> columns = query.getOrDefault("columns", List.of());
		model.addAttribute("customFieldDefs", fields);
		model.addAttribute("customColumns", fields.stream().filter((f) -> columns.contains(f.key())).toList());
		model.addAttribute("chosenColumns", columns);
		OpportunitySort sort = params.sorting();
		OpportunityPage result = this.pipeline.list(me, filter, !params.includeClosed(), sort,
				params.pageRequest(LIST_SIZE));
		model.addAttribute("result", result.page());
		model.addAttribute("totals", result.totals());
		model.addAttribute("closed", params.includeClosed());
		model.addAttribute("sort", sort);
		model.addAttribute("allStages", Stage.values());
		UriComponentsBuilder base = PipelineParams.url("/pipeline/list", filter);
		if (params.includeClosed()) {
			base.queryParam("closed", true);
		}
		columns.forEach((column) -> base.queryParam("columns", column));
		// Column headers keep the filter and start again at the first page.
		model.addAttribute("sortUrl", base.cloneBuilder().toUriString() + "&sort=");
		model.addAttribute("pageUrl", base.cloneBuilder().queryParam("sort", sort.parameter()).toUriString());
		UriComponentsBuilder closedUrl = PipelineParams.url("/pipeline/list", filter)
			.queryParam("closed", !params.includeClosed())
			.queryParam("sort", sort.parameter());
		columns.forEach((column) -> closedUrl.queryParam("columns", column));
		model.addAttribute("closedUrl", closedUrl.toUriString());
		return "opportunity/list";
	}

}
