package io.dakehu.scorecard;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

interface ChannelEvaluationRepository extends ListCrudRepository<ChannelEvaluation, Long> {

	List<ChannelEvaluation> findByAccountIdOrderByIdDesc(long accountId);

}
