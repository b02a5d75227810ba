package io.dakehu.questions;

/**
 * One fact shown beside each account of an answer.
 *
 * @param key the fact's code in the API and the suffix of its label
 * ({@code question.fact.<key>})
 * @param kind how it is read and shown
 * @param sql the expression selecting it, over the aliases of the question's statement
 */
public record Fact(String key, FactKind kind, String sql) {

}
