package io.dakehu.catalog;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface ProductLineRepository extends ListCrudRepository<ProductLine, Long> {

	Optional<ProductLine> findByName(String name);

}
