package io.dakehu.questions;

import java.util.Map;

/**
 * One account behind an answer, with the facts that put it there, keyed as the question's
 * {@link Fact facts}, in their order. A fact may be null (no share of wallet where the
 * customer's whole spend is unknown).
 */
public record AnswerRow(long accountId, String accountName, String owner, Map<String, Object> facts) {

}
