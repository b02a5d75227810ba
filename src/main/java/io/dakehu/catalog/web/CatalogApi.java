package io.dakehu.catalog.web;

import java.net.URI;
import java.util.List;

import io.dakehu.catalog.Catalog;
import io.dakehu.catalog.ProductInput;
import io.dakehu.catalog.ProductView;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The product catalogue over the API: everyone signed in reads it; administrators and
 * directors add to it.
 */
@RestController
@RequestMapping("/api/v1/products")
class CatalogApi {

	private final Catalog catalog;

	CatalogApi(Catalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	List<ProductView> list() {
		return this.catalog.all();
	}

	@GetMapping("/{id}")
	ProductView get(@PathVariable long id) {
		return this.catalog.get(id);
	}

	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'DIRECTOR')")
	ResponseEntity<ProductView> add(@Valid @RequestBody ProductInput input) {
		ProductView created = this.catalog.add(input);
		return ResponseEntity.created(URI.create("/api/v1/products/" + created.id())).body(created);
	}

}
