package io.dakehu.relationship;

import java.util.Locale;

/**
 * One level of one axis with its name and the move that leads to the next level, in
 * English and Chinese. Level 5 has no next move.
 */
public record GridLevel(GridAxis axis, int level, String nameEn, String nameZh, String nextMoveEn, String nextMoveZh) {

	public String name(Locale locale) {
		return chinese(locale) ? this.nameZh : this.nameEn;
	}

	public String nextMove(Locale locale) {
		return chinese(locale) ? this.nextMoveZh : this.nextMoveEn;
	}

	private static boolean chinese(Locale locale) {
		return locale != null && "zh".equals(locale.getLanguage());
	}

}
