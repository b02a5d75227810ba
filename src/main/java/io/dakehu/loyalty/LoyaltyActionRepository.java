package io.dakehu.loyalty;

import org.springframework.data.repository.CrudRepository;

interface LoyaltyActionRepository extends CrudRepository<LoyaltyAction, Long> {

}
