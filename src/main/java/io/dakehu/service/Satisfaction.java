package io.dakehu.service;

import java.util.List;

/**
 * An account's satisfaction: the summary the data card shows and its surveys, newest
 * first.
 */
public record Satisfaction(long accountId, SatisfactionSummary summary, List<SurveyView> surveys) {
}
