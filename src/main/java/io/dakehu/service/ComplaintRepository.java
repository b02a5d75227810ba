package io.dakehu.service;

import org.springframework.data.repository.ListCrudRepository;

interface ComplaintRepository extends ListCrudRepository<Complaint, Long> {

}
