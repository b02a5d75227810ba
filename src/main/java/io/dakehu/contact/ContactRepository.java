package io.dakehu.contact;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ContactRepository extends ListCrudRepository<Contact, Long> {

	@Modifying
	@Query("update contact set reports_to_id = null, version = version + 1 where reports_to_id = :managerId")
	int detachReports(long managerId);

}
