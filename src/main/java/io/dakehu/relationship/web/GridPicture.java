package io.dakehu.relationship.web;

import java.util.ArrayList;
import java.util.List;

import io.dakehu.relationship.AssessmentView;
import io.dakehu.relationship.RelationshipStage;
import io.dakehu.relationship.StageTable;

/**
 * The 25-grid drawn as SVG: cells coloured by stage, and the account's path as arrows
 * between its dated assessments. Level 0 sits in a narrow gutter left of and below the
 * grid, so "no relationship yet" is a place on the path too.
 */
final class GridPicture {

	static final int CELL = 64;

	static final int LEFT = 44;

	static final int TOP = 8;

	static final int WIDTH = LEFT + 5 * CELL + 8;

	static final int HEIGHT = TOP + 5 * CELL + 40;

	private GridPicture() {
	}

	static List<Cell> cells(StageTable table, AssessmentView current) {
		List<Cell> cells = new ArrayList<>();
		for (int company = 5; company >= 1; company--) {
			for (int personal = 1; personal <= 5; personal++) {
				RelationshipStage stage = table.stageOf(personal, company);
				boolean here = current != null && current.personal() == personal && current.company() == company;
				cells.add(new Cell(personal, company, LEFT + (personal - 1) * CELL, TOP + (5 - company) * CELL, stage,
						fill(stage), (stage != null && stage.rank() >= 4) ? "#fff" : "#1f2937", here));
			}
		}
		return cells;
	}

	/**
	 * One point per assessment, oldest first; assessments in the same cell share a point
	 * but keep their own dates.
	 */
	static List<Point> path(List<AssessmentView> path) {
		List<Point> points = new ArrayList<>();
		for (int i = 0; i < path.size(); i++) {
			AssessmentView step = path.get(i);
			points.add(new Point(x(step.personal()), y(step.company()), step.assessedOn().toString(), i + 1,
					i == path.size() - 1));
		}
		return points;
	}

	/** Arrows between consecutive points, shortened so the heads stay visible. */
	static List<Arrow> arrows(List<Point> points) {
		List<Arrow> arrows = new ArrayList<>();
		for (int i = 1; i < points.size(); i++) {
			Point from = points.get(i - 1);
			Point to = points.get(i);
			double dx = to.x() - from.x();
			double dy = to.y() - from.y();
			double length = Math.hypot(dx, dy);
			if (length < 1) {
				continue;
			}
			double trim = 11 / length;
			arrows.add(new Arrow(from.x() + dx * trim, from.y() + dy * trim, to.x() - dx * trim, to.y() - dy * trim));
		}
		return arrows;
	}

	static double x(int personal) {
		return (personal == 0) ? LEFT - 18 : LEFT + (personal - 0.5) * CELL;
	}

	static double y(int company) {
		return (company == 0) ? TOP + 5 * CELL + 18 : TOP + (5 - company + 0.5) * CELL;
	}

	static String fill(RelationshipStage stage) {
		if (stage == null) {
			return "#f3f4f6";
		}
		return switch (stage) {
			case GESTATION -> "#fdecea";
			case INITIAL -> "#f9cfcb";
			case MIDDLE -> "#f1a39c";
			case HIGH -> "#d9574e";
			case PARTNER -> "#9f1f18";
		};
	}

	record Cell(int personal, int company, int x, int y, RelationshipStage stage, String fill, String ink,
			boolean current) {
	}

	record Point(double x, double y, String date, int number, boolean last) {
	}

	record Arrow(double x1, double y1, double x2, double y2) {
	}

}
