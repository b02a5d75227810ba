package io.dakehu.service;

/** How a survey came in: entered by a user, or brought in by an import file. */
public enum SurveySource {

	ENTERED, IMPORTED

}
