package io.dakehu.catalog;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.web.PickerOption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The product catalogue: adding products (creating their product line on first use) and
 * reading them. Products are visible to everyone signed in; only prices are business
 * data, not customer data.
 */
@Service
@Transactional
public class Catalog {

	private final ProductRepository products;

	private final ProductLineRepository lines;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	Catalog(ProductRepository products, ProductLineRepository lines, JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.products = products;
		this.lines = lines;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	public ProductView add(ProductInput input) {
		if (!StringUtils.hasText(input.name())) {
			throw new RuleViolationException("name", "catalog.validation.required");
		}
		String code = StringUtils.hasText(input.code()) ? input.code().strip() : codeFor(input.name());
		if (this.products.existsByCode(code)) {
			throw new RuleViolationException("code", "catalog.validation.duplicate", code);
		}
		if (this.products.existsByNameKey(Product.key(input.name()))) {
			throw new RuleViolationException("name", "catalog.validation.duplicate", input.name().strip());
		}
		LocalDateTime now = LocalDateTime.now(this.clock);
		Long lineId = StringUtils.hasText(input.productLine()) ? lineId(input.productLine(), now) : null;
		Product introduced = Product.introduce(code, input.name(), lineId, now);
		introduced.price(input.listPrice(), input.unitCost());
		Product product = RuleViolationException.unlessKeyTaken(() -> this.products.save(introduced), "code",
				"catalog.validation.duplicate", code);
		this.audit.created("Product", product.id(), null, product.auditValues());
		return get(product.id());
	}

	/**
	 * A product code made from its name when none is given: upper case, words joined by
	 * hyphens ("GTX Plus Pro" → "GTX-PLUS-PRO").
	 */
	static String codeFor(String name) {
		String code = name.strip().toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-");
		code = code.replaceAll("^-+|-+$", "");
		return (code.length() > 50) ? code.substring(0, 50) : code;
	}

	private Long lineId(String name, LocalDateTime now) {
		return this.lines.findByName(name.strip()).orElseGet(() -> this.lines.save(ProductLine.named(name, now))).id();
	}

	@Transactional(readOnly = true)
	public ProductView get(long id) {
		return this.jdbc.sql(VIEW_SQL + " where p.id = :id")
			.param("id", id)
			.query(Catalog::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("Product", id));
	}

	@Transactional(readOnly = true)
	public List<ProductView> all() {
		return this.jdbc.sql(VIEW_SQL + " order by p.name").query(Catalog::row).list();
	}

	/**
	 * Active products whose name or code contains the text, whatever the letter case, for
	 * pickers. The catalogue is the same for everyone.
	 */
	@Transactional(readOnly = true)
	public List<ProductView> search(String text, int limit) {
		return this.jdbc
			.sql(VIEW_SQL + " where p.active = true and (lower(p.name) like :q escape '\\'"
					+ " or lower(p.code) like :q escape '\\') order by p.name limit :limit")
			.param("q", PickerOption.likePattern(text))
			.param("limit", limit)
			.query(Catalog::row)
			.list();
	}

	/**
	 * A matcher over the whole catalogue, for imports that name products.
	 */
	@Transactional(readOnly = true)
	public ProductMatcher matcher() {
		return new ProductMatcher(all());
	}

	/**
	 * Product names by id, for lists in other modules.
	 */
	@Transactional(readOnly = true)
	public Map<Long, String> names(Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (!ids.isEmpty()) {
			this.jdbc.sql("select id, name from product where id in (:ids)")
				.param("ids", Set.copyOf(ids))
				.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
				.list();
		}
		return names;
	}

	/** Every product line by name, each with the active product to suggest for it. */
	@Transactional(readOnly = true)
	public List<ProductLineView> productLines() {
		return this.jdbc.sql("""
				select l.id, l.name,
				       (select p.id from product p where p.product_line_id = l.id and p.active = true
				        order by p.name, p.id limit 1)
				from product_line l order by l.name, l.id""")
			.query((rs, n) -> new ProductLineView(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class)))
			.list();
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.products.count();
	}

	private static final String VIEW_SQL = """
			select p.id, p.code, p.name, l.name, p.list_price, p.unit_cost, p.active
			from product p left join product_line l on l.id = p.product_line_id""";

	private static ProductView row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new ProductView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
				rs.getBigDecimal(6), rs.getBoolean(7));
	}

}
