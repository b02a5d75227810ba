package io.dakehu.scorecard;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

interface CreditRatingRepository extends ListCrudRepository<CreditRating, Long> {

	List<CreditRating> findByAccountIdOrderByQuarterDescIdDesc(long accountId);

}
