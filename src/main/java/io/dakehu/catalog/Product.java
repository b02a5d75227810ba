package io.dakehu.catalog;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.dakehu.shared.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Something the company sells, with its list price and unit cost (for margin where the
 * ledger has no cost of its own).
 */
@Table("product")
class Product {

	@Id
	private Long id;

	private String code;

	private String name;

	private String nameKey;

	private Long productLineId;

	private BigDecimal listPrice;

	private BigDecimal unitCost;

	private boolean active;

	private LocalDateTime createdAt;

	@Version
	private int version;

	private Product() {
	}

	static Product introduce(String code, String name, Long productLineId, LocalDateTime now) {
		Product product = new Product();
		product.code = code.strip();
		product.rename(name);
		product.productLineId = productLineId;
		product.active = true;
		product.createdAt = now;
		return product;
	}

	void rename(String name) {
		this.name = name.strip();
		this.nameKey = key(this.name);
	}

	void price(BigDecimal listPrice, BigDecimal unitCost) {
		if ((listPrice != null && listPrice.signum() < 0) || (unitCost != null && unitCost.signum() < 0)) {
			throw new RuleViolationException((listPrice != null && listPrice.signum() < 0) ? "listPrice" : "unitCost",
					"catalog.validation.negative");
		}
		this.listPrice = listPrice;
		this.unitCost = unitCost;
	}

	void withdraw() {
		this.active = false;
	}

	/**
	 * The matching key of a product name: case, spaces and punctuation do not tell
	 * products apart, so "GTXPro", "gtx pro" and "GTX-Pro" are one product.
	 */
	static String key(String name) {
		StringBuilder key = new StringBuilder(name.length());
		name.strip()
			.toLowerCase(Locale.ROOT)
			.codePoints()
			.filter(Character::isLetterOrDigit)
			.forEach(key::appendCodePoint);
		return key.toString();
	}

	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("code", this.code);
		values.put("name", this.name);
		values.put("productLineId", this.productLineId);
		values.put("listPrice", (this.listPrice != null) ? this.listPrice.toPlainString() : null);
		values.put("unitCost", (this.unitCost != null) ? this.unitCost.toPlainString() : null);
		values.put("active", this.active);
		return values;
	}

	Long id() {
		return this.id;
	}

	String code() {
		return this.code;
	}

	String name() {
		return this.name;
	}

	String nameKey() {
		return this.nameKey;
	}

}
