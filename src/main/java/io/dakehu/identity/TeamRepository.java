package io.dakehu.identity;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface TeamRepository extends ListCrudRepository<Team, Long> {

	Optional<Team> findByName(String name);

	boolean existsByName(String name);

	List<Team> findAllByOrderByName();

}
