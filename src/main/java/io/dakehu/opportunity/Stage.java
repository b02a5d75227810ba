package io.dakehu.opportunity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where an opportunity stands: one of the buyer's eight buying steps (DOMAIN.md §8), in
 * order, or closed as WON or LOST, which are final.
 */
public enum Stage {

	PROBLEM_RECOGNITION, NEED_DESCRIPTION, PRODUCT_SPECIFICATION, SUPPLIER_SEARCH, PROPOSAL_SOLICITATION,
	SUPPLIER_SELECTION, ORDER, PERFORMANCE_REVIEW, WON, LOST;

	private static final List<Stage> OPEN = Arrays.stream(values()).filter((stage) -> !stage.closed()).toList();

	public boolean closed() {
		return this == WON || this == LOST;
	}

	/** The eight buying steps in the buyer's order. */
	public static List<Stage> open() {
		return OPEN;
	}

	/**
	 * A stage by its name, also accepting the seller-side names of the first import
	 * format: a prospect is a recognised problem, an engaged deal a buyer searching for
	 * suppliers (the same mapping migration V40 applied to stored rows).
	 * @return null when the text names no stage
	 */
	public static Stage parse(String text) {
		if (text == null) {
			return null;
		}
		String name = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
		return switch (name) {
			case "PROSPECTING" -> PROBLEM_RECOGNITION;
			case "ENGAGING" -> SUPPLIER_SEARCH;
			default -> Arrays.stream(values()).filter((stage) -> stage.name().equals(name)).findFirst().orElse(null);
		};
	}

}
