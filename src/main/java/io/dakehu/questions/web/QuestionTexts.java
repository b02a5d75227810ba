package io.dakehu.questions.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.dakehu.questions.Answer;
import io.dakehu.questions.AnswerRow;
import io.dakehu.questions.Fact;
import io.dakehu.questions.FactKind;
import io.dakehu.questions.Question;
import io.dakehu.shared.web.Labels;

import org.springframework.stereotype.Component;

/**
 * The words around an answer in the reader's language, alike on the page, in the file and
 * over the API: each question's title and how it is answered, the facts' headers, a
 * fact's value as text (codes by their labels), and the sentence telling why an account
 * is in the answer.
 */
@Component
class QuestionTexts {

	private static final String NONE = "–";

	private final Labels labels;

	QuestionTexts(Labels labels) {
		this.labels = labels;
	}

	String title(Locale locale, Question question) {
		return this.labels.get(locale, "question." + question.code() + ".title");
	}

	/**
	 * How the question is answered, with the period it looked at where it has one.
	 */
	String explanation(Locale locale, Question question, Answer answer) {
		LocalDate from = (answer != null) ? answer.from() : null;
		LocalDate to = (answer != null) ? answer.to() : null;
		long lines = (answer != null) ? answer.productLines() : 0;
		return this.labels.get(locale, "question." + question.code() + ".how", (from != null) ? from.toString() : NONE,
				(to != null) ? to.toString() : NONE, lines);
	}

	List<String> headers(Locale locale, Question question) {
		List<String> headers = new ArrayList<>();
		headers.add(this.labels.get(locale, "question.account"));
		headers.add(this.labels.get(locale, "question.owner"));
		for (Fact fact : question.facts()) {
			headers.add(this.labels.get(locale, "question.fact." + fact.key()));
		}
		return headers;
	}

	/** Each fact of the row as the page shows it. */
	List<String> cells(Locale locale, Question question, AnswerRow row) {
		List<String> cells = new ArrayList<>();
		for (Fact fact : question.facts()) {
			cells.add(text(locale, fact, row.facts().get(fact.key())));
		}
		return cells;
	}

	/**
	 * The row as a file holds it: numbers stay numbers, so a spreadsheet can add them up;
	 * codes read as their labels.
	 */
	List<Object> fileRow(Locale locale, Question question, AnswerRow row) {
		List<Object> cells = new ArrayList<>();
		cells.add(row.accountName());
		cells.add(row.owner());
		for (Fact fact : question.facts()) {
			Object value = row.facts().get(fact.key());
			cells.add(switch (fact.kind()) {
				case MONEY, PERCENT, NUMBER -> value;
				default -> (value != null) ? text(locale, fact, value) : null;
			});
		}
		return cells;
	}

	/** Why the account is in the answer, in one sentence. */
	String sentence(Locale locale, Question question, AnswerRow row) {
		Object[] args = new Object[question.facts().size()];
		for (int i = 0; i < args.length; i++) {
			Fact fact = question.facts().get(i);
			Object value = row.facts().get(fact.key());
			args[i] = (fact.kind() == FactKind.NUMBER && value != null) ? value : text(locale, fact, value);
		}
		return this.labels.get(locale, "question." + question.code() + ".fact", args);
	}

	private String text(Locale locale, Fact fact, Object value) {
		if (value == null) {
			return NONE;
		}
		return switch (fact.kind()) {
			case MONEY -> money(locale).format((BigDecimal) value);
			case PERCENT -> percent(locale).format((BigDecimal) value) + " %";
			case NUMBER -> NumberFormat.getIntegerInstance(locale).format(value);
			case DATE -> value.toString();
			case TIER -> this.labels.get(locale, "tier." + value);
			case ABC -> this.labels.get(locale, "abc." + value);
			case INTENTION -> this.labels.get(locale, "intention." + value);
			case YES_NO -> this.labels.get(locale, Boolean.TRUE.equals(value) ? "question.yes" : "question.no");
			case TEXT -> value.toString();
		};
	}

	private static NumberFormat money(Locale locale) {
		NumberFormat format = NumberFormat.getNumberInstance(locale);
		format.setMinimumFractionDigits(2);
		format.setMaximumFractionDigits(2);
		return format;
	}

	private static NumberFormat percent(Locale locale) {
		NumberFormat format = NumberFormat.getNumberInstance(locale);
		format.setMinimumFractionDigits(1);
		format.setMaximumFractionDigits(1);
		return format;
	}

}
