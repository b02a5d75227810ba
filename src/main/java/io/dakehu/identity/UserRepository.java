package io.dakehu.identity;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<User, Long> {

	/**
	 * Written out rather than derived from the method's name: every request of a
	 * signed-in user runs it, and a derived query builds its SQL anew on each call.
	 */
	@Query("select * from app_user where username = :username")
	Optional<User> findByUsername(String username);

	boolean existsByUsername(String username);

}
