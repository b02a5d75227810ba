package io.dakehu.opportunity.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Board;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityTotals;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.PipelineFilter;
import io.dakehu.opportunity.Stage;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pipeline board: a frame with the totals per buying step, each column loading its
 * cards by itself, and moves (drag a card, or use its "Move to…" menu, which works
 * without JavaScript and from the keyboard).
 */
@Controller
class PipelineBoardPage {

	/** Cards a board column shows at first and adds with each "more". */
	static final int COLUMN_SIZE = 20;

	private final Pipeline pipeline;

	private final Opportunities opportunities;

	private final Users users;

	private final Labels labels;

	private final PipelineViews views;

	PipelineBoardPage(Pipeline pipeline, Opportunities opportunities, Users users, Labels labels, PipelineViews views) {
		this.pipeline = pipeline;
		this.opportunities = opportunities;
		this.users = users;
		this.labels = labels;
		this.views = views;
	}

	/**
	 * The board's frame: filters, totals and one empty column per buying step, each of
	 * which loads its cards by itself ({@link #column}).
	 */
	@GetMapping("/pipeline")
	String board(PipelineParams params, Model model) {
		CurrentUser me = this.users.current();
		PipelineFilter filter = params.boardFilter(me);
		this.views.filters(model, me, filter);
		boardFrame(model, me, filter);
		return "opportunity/board";
	}

	private void boardFrame(Model model, CurrentUser me, PipelineFilter filter) {
		Map<Stage, OpportunityTotals> byStage = this.pipeline.totalsByStage(me, filter);
		BigDecimal amount = BigDecimal.ZERO;
		BigDecimal weighted = BigDecimal.ZERO;
		Map<String, Long> counts = new HashMap<>();
		for (Stage stage : Stage.open()) {
			OpportunityTotals totals = byStage.getOrDefault(stage, OpportunityTotals.NONE);
			amount = amount.add(totals.amount());
			weighted = weighted.add(totals.weighted());
			counts.put(stage.name(), totals.count());
		}
		model.addAttribute("filter", filter);
		model.addAttribute("amount", amount);
		model.addAttribute("weighted", weighted);
		model.addAttribute("counts", counts);
		model.addAttribute("probabilities", byName(this.pipeline.probabilities()));
		model.addAttribute("columnUrls", columnUrls(filter));
		model.addAttribute("back", PipelineParams.url("/pipeline", filter).toUriString());
	}

	/**
	 * The steps' names, looked up once per answer rather than once per card's menu
	 * option: a column of 20 cards would otherwise resolve 160 of them.
	 */
	private Map<String, String> stageLabels() {
		Map<String, String> labels = new HashMap<>();
		for (Stage stage : Stage.open()) {
			labels.put(stage.name(), this.labels.get("stage." + stage.name()));
		}
		return labels;
	}

	private static Map<String, String> columnUrls(PipelineFilter filter) {
		Map<String, String> urls = new HashMap<>();
		for (Stage stage : Stage.open()) {
			urls.put(stage.name(), PipelineParams.url("/pipeline/columns/" + stage.name(), filter).toUriString());
		}
		return urls;
	}

	private static Map<String, Integer> byName(Map<Stage, Integer> probabilities) {
		Map<String, Integer> named = new HashMap<>();
		probabilities.forEach((stage, value) -> named.put(stage.name(), value));
		return named;
	}

	/**
	 * One column of the board with its totals and first cards; a later page answers only
	 * its cards and the button for the next one, to go below those already shown.
	 */
	@GetMapping("/pipeline/columns/{stage}")
	String column(@PathVariable Stage stage, PipelineParams params, Model model) {
		CurrentUser me = this.users.current();
		PipelineFilter filter = params.boardFilter(me);
		PageRequest page = params.pageRequest(COLUMN_SIZE);
		columnModel(model, me, filter, stage, page);
		return (page.page() == 0) ? "opportunity/board :: column" : "opportunity/board :: cards";
	}

	private void columnModel(Model model, CurrentUser me, PipelineFilter filter, Stage stage, PageRequest page) {
		Board.Column column = this.pipeline.column(me, filter, stage, page);
		model.addAttribute("column", column);
		model.addAttribute("columnUrls", columnUrls(filter));
		model.addAttribute("pageSize", page.size());
		model.addAttribute("openStages", Stage.open());
		model.addAttribute("stageLabels", stageLabels());
		model.addAttribute("back", PipelineParams.url("/pipeline", filter).toUriString());
	}

	/**
	 * A move from the board. htmx (a card's menu, or a drag, which submits the same form)
	 * gets the two columns concerned and the totals, drawn again under the board's
	 * filter, or the reason in plain text; without scripts the form gets a redirect back
	 * to the board as it was filtered.
	 */
	@PostMapping("/pipeline/{id}/move")
	Object move(@PathVariable long id, @RequestParam Stage stage, @RequestParam(required = false) Integer version,
			@RequestParam(defaultValue = "/pipeline") String back, PipelineParams params,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		try {
			Stage from = this.opportunities.get(me.scope(), id).stage();
			this.pipeline.moveTo(me, id, stage, version);
			if (htmx != null) {
				PipelineFilter filter = params.boardFilter(me);
				boardFrame(model, me, filter);
				model.addAttribute("openStages", Stage.open());
				model.addAttribute("stageLabels", stageLabels());
				List<Board.Column> columns = new ArrayList<>();
				for (Stage changed : (from == stage) ? List.of(stage) : List.of(from, stage)) {
					columns.add(this.pipeline.column(me, filter, changed, new PageRequest(0, COLUMN_SIZE)));
				}
				model.addAttribute("columns", columns);
				model.addAttribute("pageSize", COLUMN_SIZE);
				return "opportunity/board :: moved";
			}
			Flash.success(redirect, "pipeline.moved");
		}
		catch (RuleViolationException | StaleEditException ex) {
			String reason = this.views.reason(ex);
			if (htmx != null) {
				return ResponseEntity
					.status((ex instanceof StaleEditException) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST)
					.contentType(MediaType.TEXT_PLAIN)
					.body(reason);
			}
			redirect.addFlashAttribute("problem", reason);
		}
		return "redirect:" + PipelineViews.localPath(back, "/pipeline");
	}

}
