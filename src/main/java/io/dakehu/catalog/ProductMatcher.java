package io.dakehu.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the product a person meant from what they typed in a sheet: by code, or by name
 * ignoring case, spaces and punctuation ("GTXPro" is "GTX Pro"). When nothing matches it
 * suggests the closest name, so an import error can say what was probably meant. Built
 * once per import from the whole catalogue, which is small.
 */
public final class ProductMatcher {

	private final List<ProductView> products;

	private final Map<String, ProductView> byCode = new HashMap<>();

	private final Map<String, ProductView> byKey = new HashMap<>();

	ProductMatcher(List<ProductView> products) {
		this.products = List.copyOf(products);
		for (ProductView product : products) {
			this.byCode.put(product.code().toLowerCase(Locale.ROOT), product);
			this.byKey.putIfAbsent(Product.key(product.name()), product);
		}
	}

	public Optional<ProductView> find(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		ProductView byCode = this.byCode.get(text.strip().toLowerCase(Locale.ROOT));
		return (byCode != null) ? Optional.of(byCode) : Optional.ofNullable(this.byKey.get(Product.key(text)));
	}

	/**
	 * The product whose name is closest to the text, if it is close enough to be a
	 * plausible typo (at most a third of the letters differ).
	 */
	public Optional<ProductView> suggest(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		String key = Product.key(text);
		ProductView best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (ProductView product : this.products) {
			int distance = distance(key, Product.key(product.name()));
			if (distance < bestDistance) {
				best = product;
				bestDistance = distance;
			}
		}
		int allowed = Math.max(1, key.length() / 3);
		return (best != null && bestDistance <= allowed) ? Optional.of(best) : Optional.empty();
	}

	public List<ProductView> all() {
		return this.products;
	}

	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
