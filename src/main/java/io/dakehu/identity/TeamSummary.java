package io.dakehu.identity;

/**
 * A team as shown in lists and the API.
 */
public record TeamSummary(long id, String name, String managerUsername, String managerDisplayName, int members) {
}
