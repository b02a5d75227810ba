package io.dakehu.catalog;

import java.util.Collection;
import java.util.Map;

import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.stereotype.Component;

/**
 * Products by name wherever a history names one.
 */
@Component
class CatalogAuditVocabulary implements AuditVocabulary {

	private final Catalog catalog;

	CatalogAuditVocabulary(Catalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public AuditField field(String entityType, String field) {
		return null;
	}

	@Override
	public Map<Long, String> names(String kind, Collection<Long> ids) {
		return "product".equals(kind) ? this.catalog.names(ids) : Map.of();
	}

	@Override
	public String titleKind(String entityType) {
		return "Product".equals(entityType) ? "product" : null;
	}

}
