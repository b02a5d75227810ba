package io.dakehu.service;

import org.springframework.data.repository.ListCrudRepository;

interface SatisfactionSurveyRepository extends ListCrudRepository<SatisfactionSurvey, Long> {

}
