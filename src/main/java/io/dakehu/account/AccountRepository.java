package io.dakehu.account;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface AccountRepository extends ListCrudRepository<Account, Long> {

	@Query("select count(*) from account where registration_id = :registrationId and archived = false and id <> :exceptId")
	long countOthersWithRegistrationId(String registrationId, long exceptId);

	List<Account> findByParentId(long parentId);

}
