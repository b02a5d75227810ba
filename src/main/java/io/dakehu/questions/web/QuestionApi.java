package io.dakehu.questions.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.identity.Users;
import io.dakehu.questions.Answer;
import io.dakehu.questions.Question;
import io.dakehu.questions.StandardQuestions;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The standard questions over the API: the catalogue, and one question answered for the
 * caller's scope, a page of accounts at a time, each with the facts behind it (raw, for
 * programs) and the sentence a person reads, in the caller's language.
 */
@RestController
class QuestionApi {

	private final StandardQuestions questions;

	private final Users users;

	private final QuestionTexts texts;

	QuestionApi(StandardQuestions questions, Users users, QuestionTexts texts) {
		this.questions = questions;
		this.users = users;
		this.texts = texts;
	}

	@GetMapping("/api/v1/questions")
	List<Entry> catalogue(Locale locale) {
		return Arrays.stream(Question.values())
			.map((question) -> new Entry(question.code(), this.texts.title(locale, question),
					"/api/v1/questions/" + question.code()))
			.toList();
	}

	@GetMapping("/api/v1/questions/{code}")
	AnswerJson answer(@PathVariable String code, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, Locale locale) {
		Question question = Question.of(code).orElseThrow(() -> new NotFoundException("Question", code));
		Answer answer = this.questions.answer(this.users.current().scope(), question, new PageRequest(page, size));
		PageResult<AccountJson> accounts = answer.accounts()
			.map((row) -> new AccountJson(row.accountId(), row.accountName(), row.owner(), row.facts(),
					this.texts.sentence(locale, question, row)));
		return new AnswerJson(question.code(), this.texts.title(locale, question),
				this.texts.explanation(locale, question, answer), answer.from(), answer.to(), accounts);
	}

	record Entry(String code, String title, String href) {
	}

	record AnswerJson(String code, String title, String explanation, LocalDate from, LocalDate to,
			PageResult<AccountJson> accounts) {
	}

	record AccountJson(long accountId, String accountName, String owner, Map<String, Object> facts, String fact) {
	}

}
