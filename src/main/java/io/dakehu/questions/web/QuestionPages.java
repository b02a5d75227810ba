package io.dakehu.questions.web;

import java.util.List;
import java.util.Locale;

import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.questions.Answer;
import io.dakehu.questions.AnswerRow;
import io.dakehu.questions.Question;
import io.dakehu.questions.StandardQuestions;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableDownload;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The standard questions page: every question one click away, the chosen one answered for
 * the reader's scope with its accounts (each linked to the account) and the facts behind
 * them, and its export as CSV or Excel with every page of accounts.
 */
@Controller
class QuestionPages {

	private static final int PAGE_SIZE = 50;

	private final StandardQuestions questions;

	private final Users users;

	private final QuestionTexts texts;

	QuestionPages(StandardQuestions questions, Users users, QuestionTexts texts) {
		this.questions = questions;
		this.users = users;
		this.texts = texts;
	}

	@GetMapping("/questions")
	String catalogue(Model model) {
		model.addAttribute("questions", Question.values());
		return "questions/index";
	}

	@GetMapping("/questions/{code}")
	String answer(@PathVariable String code, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PAGE_SIZE) int size, Locale locale, Model model) {
		Question question = question(code);
		Answer answer = this.questions.answer(this.users.current().scope(), question, new PageRequest(page, size));
		model.addAttribute("questions", Question.values());
		model.addAttribute("question", question);
		model.addAttribute("answer", answer);
		model.addAttribute("explanation", this.texts.explanation(locale, question, answer));
		model.addAttribute("headers", this.texts.headers(locale, question).subList(2, question.facts().size() + 2));
		model.addAttribute("rows",
				answer.accounts()
					.content()
					.stream()
					.map((row) -> new RowView(row, this.texts.cells(locale, question, row)))
					.toList());
		return "questions/index";
	}

	/**
	 * The answer's every account as a file, for the same reader, in the reader's language
	 * (the locale is taken now: the file is written after the request has returned).
	 */
	@GetMapping("/questions/{code}/export")
	ResponseEntity<StreamingResponseBody> export(@PathVariable String code,
			@RequestParam(defaultValue = "csv") String format, Locale locale) {
		Question question = question(code);
		ExportFormat file = ExportFormat.parse(format);
		RecordScope scope = this.users.current().scope();
		List<String> header = this.texts.headers(locale, question);
		return TableDownload.of("question-" + question.code(), file, (table) -> {
			table.row(header);
			this.questions.each(scope, question, (row) -> table.row(this.texts.fileRow(locale, question, row)));
		});
	}

	private static Question question(String code) {
		return Question.of(code).orElseThrow(() -> new NotFoundException("Question", code));
	}

	/** An account of the answer with its facts as text. */
	record RowView(AnswerRow row, List<String> cells) {
	}

}
