package io.dakehu.opportunity.web;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.OpportunityPage;
import io.dakehu.opportunity.OpportunitySort;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.PipelineFilter;
import io.dakehu.opportunity.Stage;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The pipeline as a list: a page at a time, sortable by its column headers, under the
 * same filters as the board, open opportunities only unless closed ones are asked for.
 */
@Controller
class PipelineListPage {

	static final int LIST_SIZE = 25;

	private final Pipeline pipeline;

	private final Users users;

	private final PipelineViews views;

	PipelineListPage(Pipeline pipeline, Users users, PipelineViews views) {
		this.pipeline = pipeline;
		this.users = users;
		this.views = views;
	}

	@GetMapping("/pipeline/list")
	String list(PipelineParams params, Model model) {
		CurrentUser me = this.users.current();
		PipelineFilter filter = params.filter(me);
		this.views.filters(model, me, filter);
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
		// Column headers keep the filter and start again at the first page.
		model.addAttribute("sortUrl", base.cloneBuilder().toUriString() + "&sort=");
		model.addAttribute("pageUrl", base.cloneBuilder().queryParam("sort", sort.parameter()).toUriString());
		model.addAttribute("closedUrl",
				PipelineParams.url("/pipeline/list", filter)
					.queryParam("closed", !params.includeClosed())
					.queryParam("sort", sort.parameter())
					.toUriString());
		return "opportunity/list";
	}

}
