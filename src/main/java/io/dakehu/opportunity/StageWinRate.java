package io.dakehu.opportunity;

/**
 * What history says about one buying step: of the opportunities closed in the window that
 * reached it, how many were won.
 *
 * @param percent the won share rounded to a whole percent; null when none reached it
 */
public record StageWinRate(Stage stage, long reached, long won, Integer percent) {

	static StageWinRate of(Stage stage, long reached, long won) {
		return new StageWinRate(stage, reached, won, (reached > 0) ? (int) Math.round(100.0 * won / reached) : null);
	}

}
