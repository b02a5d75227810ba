package io.dakehu.catalog;

import org.springframework.data.repository.ListCrudRepository;

interface ProductRepository extends ListCrudRepository<Product, Long> {

	boolean existsByCode(String code);

	boolean existsByNameKey(String nameKey);

}
