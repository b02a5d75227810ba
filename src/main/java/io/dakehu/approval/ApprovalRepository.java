package io.dakehu.approval;

import org.springframework.data.repository.CrudRepository;

interface ApprovalRepository extends CrudRepository<ApprovalRequest, Long> {

}
