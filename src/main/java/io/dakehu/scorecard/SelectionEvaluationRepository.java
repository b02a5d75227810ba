package io.dakehu.scorecard;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

interface SelectionEvaluationRepository extends ListCrudRepository<SelectionEvaluation, Long> {

	List<SelectionEvaluation> findByAccountIdOrderByIdDesc(long accountId);

}
