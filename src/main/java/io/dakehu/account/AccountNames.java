package io.dakehu.account;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When two account names name the same organisation: the key under which duplicates are
 * found on create and import. Names compare after Unicode compatibility folding
 * (full-width letters, digits and brackets become half-width), without case, spaces or
 * punctuation, and without the company-form suffixes that people write one day and omit
 * the next ("有限公司", "股份有限公司", "集团", "Co., Ltd.", "Inc.", "Corp."). So "华为技术有限公司",
 * "华为技术（集团）" and "华为技术" are one organisation, and so are "Acme Co., Ltd." and "ＡＣＭＥ".
 */
public final class AccountNames {

	/** Latin company forms, as whole words at the end of a name. */
	private static final Set<String> LATIN_SUFFIXES = Set.of("co", "company", "corp", "corporation", "inc",
			"incorporated", "ltd", "limited", "llc", "plc", "gmbh", "ag", "sa", "group", "holdings");

	/**
	 * Chinese company forms at the end of a name, longest first so that "股份有限公司" goes
	 * whole rather than leaving "股份".
	 */
	private static final List<String> CHINESE_SUFFIXES = List.of("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "股份公司",
			"集团", "公司");

	/** The width of the stored key, as of the name. */
	static final int MAX_LENGTH = 200;

	private AccountNames() {
	}

	/**
	 * The duplicate key of a name, at most {@link #MAX_LENGTH} characters. A name that is
	 * nothing but a company form ("Company Ltd.") keeps its words, so it is not the
	 * duplicate of every other such name.
	 */
	public static String matchKey(String name) {
		if (name == null) {
			return "";
		}
		String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		// Words of letters and digits; everything else (spaces, punctuation, brackets)
		// separates them.
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		folded.codePoints().forEach((c) -> {
			if (Character.isLetterOrDigit(c)) {
				word.appendCodePoint(c);
			}
			else if (!word.isEmpty()) {
				words.add(word.toString());
				word.setLength(0);
			}
		});
		if (!word.isEmpty()) {
			words.add(word.toString());
		}
		String whole = String.join("", words);
		int end = words.size();
		while (end > 0 && LATIN_SUFFIXES.contains(words.get(end - 1))) {
			end--;
		}
		String key = String.join("", words.subList(0, end));
		boolean stripped = !key.isEmpty();
		while (stripped) {
			stripped = false;
			for (String suffix : CHINESE_SUFFIXES) {
				if (key.equals(suffix)) {
					// Nothing but a company form: no name left to compare.
					key = "";
					break;
				}
				if (key.endsWith(suffix)) {
					key = key.substring(0, key.length() - suffix.length());
					stripped = true;
					break;
				}
			}
		}
		String result = key.isEmpty() ? whole : key;
		return (result.length() > MAX_LENGTH) ? result.substring(0, MAX_LENGTH) : result;
	}

}
