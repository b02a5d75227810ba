package io.dakehu.accountplan;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface AccountPlanRepository extends ListCrudRepository<AccountPlan, Long> {

	Optional<AccountPlan> findByAccountIdAndPlanYear(long accountId, int planYear);

	List<AccountPlan> findByAccountIdOrderByPlanYearDesc(long accountId);

}
