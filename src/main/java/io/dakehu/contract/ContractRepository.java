package io.dakehu.contract;

import org.springframework.data.repository.ListCrudRepository;

interface ContractRepository extends ListCrudRepository<Contract, Long> {

	boolean existsByNumber(String number);

}
