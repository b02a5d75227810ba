package io.dakehu.relationship.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dakehu.identity.Users;
import io.dakehu.relationship.GridAxis;
import io.dakehu.relationship.GridLevel;
import io.dakehu.relationship.GridSettings;
import io.dakehu.relationship.RelationshipStage;
import io.dakehu.relationship.StageTable;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.web.Flash;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's page for the 25-grid: the stage of each cell, and each level's
 * names and next move in both languages. Under /admin, so only administrators reach it.
 */
@Controller
class GridAdminPages {

	private final GridSettings settings;

	private final AuditTrail audit;

	private final Users users;

	GridAdminPages(GridSettings settings, AuditTrail audit, Users users) {
		this.settings = settings;
		this.audit = audit;
		this.users = users;
	}

	@GetMapping("/admin/relationship-grid")
	String show(Model model) {
		return page(model, null);
	}

	@PostMapping("/admin/relationship-grid/stages")
	String saveStages(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
		List<List<RelationshipStage>> stages = new ArrayList<>();
		for (int p = 1; p <= 5; p++) {
			List<RelationshipStage> row = new ArrayList<>();
			for (int c = 1; c <= 5; c++) {
				String value = params.get("cell" + p + c);
				row.add(StringUtils.hasText(value) ? RelationshipStage.valueOf(value) : null);
			}
			stages.add(row);
		}
		this.settings.changeStageTable(this.users.current(), new StageTable(stages));
		Flash.success(redirect, "flash.saved");
		return "redirect:/admin/relationship-grid";
	}

	@PostMapping("/admin/relationship-grid/levels")
	String saveLevels(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
		List<GridLevel> levels = new ArrayList<>();
		for (GridAxis axis : GridAxis.values()) {
			for (int level = 0; level <= 5; level++) {
				String prefix = axis.name() + level + ".";
				levels.add(new GridLevel(axis, level, params.get(prefix + "nameEn"), params.get(prefix + "nameZh"),
						params.get(prefix + "nextMoveEn"), params.get(prefix + "nextMoveZh")));
			}
		}
		try {
			this.settings.renameLevels(this.users.current(), levels);
		}
		catch (RuleViolationException ex) {
			return page(model, ex);
		}
		Flash.success(redirect, "flash.saved");
		return "redirect:/admin/relationship-grid";
	}

	private String page(Model model, RuleViolationException error) {
		model.addAttribute("table", this.settings.stageTable());
		model.addAttribute("levels", this.settings.levels());
		model.addAttribute("stages", RelationshipStage.values());
		model.addAttribute("error", error);
		List<Object> history = new ArrayList<>(this.audit.forEntity("GridStageTable", 1, 20));
		model.addAttribute("history", history);
		return "relationship/admin";
	}

}
