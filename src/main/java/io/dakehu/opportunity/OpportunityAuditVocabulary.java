package io.dakehu.opportunity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.catalog.Catalog;
import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How a deal's history reads: which deal (its name, else its product, as lists title
 * imported deals), the stage, purchase type and intention by label, owner and product by
 * name.
 */
@Component
class OpportunityAuditVocabulary implements AuditVocabulary {

	private static final int CHUNK = 1000;

	private static final Set<String> DEAL_TYPES = Set.of("Opportunity", "OpportunityComparison");

	private final JdbcClient jdbc;

	private final Catalog catalog;

	OpportunityAuditVocabulary(JdbcClient jdbc, Catalog catalog) {
		this.jdbc = jdbc;
		this.catalog = catalog;
	}

	@Override
	public AuditField field(String entityType, String field) {
		if ("Opportunity".equals(entityType)) {
			return switch (field) {
				case "stage" -> AuditField.label("stage.");
				case "purchaseType" -> AuditField.label("purchaseType.");
				case "owner" -> AuditField.names("user");
				case "product" -> AuditField.names("product");
				default -> null;
			};
		}
		if ("SalesTarget".equals(entityType) && "intention".equals(field)) {
			return AuditField.label("intention.");
		}
		return null;
	}

	@Override
	public Map<Long, String> names(String kind, Collection<Long> ids) {
		if (!"opportunity".equals(kind)) {
			return Map.of();
		}
		Map<Long, String> names = new HashMap<>();
		Map<Long, Long> productOf = new HashMap<>();
		List<Long> all = List.copyOf(Set.copyOf(ids));
		for (int from = 0; from < all.size(); from += CHUNK) {
			List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
			this.jdbc.sql("select id, name, product_id from opportunity where id in (:ids)")
				.param("ids", chunk)
				.query((rs, n) -> {
					if (rs.getString(2) != null) {
						names.put(rs.getLong(1), rs.getString(2));
					}
					else if (rs.getObject(3) != null) {
						productOf.put(rs.getLong(1), rs.getLong(3));
					}
					return null;
				})
				.list();
		}
		Map<Long, String> products = this.catalog.names(productOf.values());
		productOf.forEach((id, product) -> {
			if (products.containsKey(product)) {
				names.put(id, products.get(product));
			}
		});
		return names;
	}

	@Override
	public String titleKind(String entityType) {
		return DEAL_TYPES.contains(entityType) ? "opportunity" : null;
	}

}
