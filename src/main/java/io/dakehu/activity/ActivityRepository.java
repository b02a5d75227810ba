package io.dakehu.activity;

import org.springframework.data.repository.ListCrudRepository;

interface ActivityRepository extends ListCrudRepository<Activity, Long> {

}
