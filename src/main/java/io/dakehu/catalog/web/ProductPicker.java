package io.dakehu.catalog.web;

import io.dakehu.catalog.Catalog;
import io.dakehu.shared.web.PickerOption;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The product picker of the forms that name a product: found by name or code, shown with
 * its product line.
 */
@Controller
class ProductPicker {

	private final Catalog catalog;

	ProductPicker(Catalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/products/picker")
	String picker(@RequestParam(required = false) String q, Model model) {
		model.addAttribute("options",
				this.catalog.search(q, PickerOption.LIMIT)
					.stream()
					.map((p) -> new PickerOption(String.valueOf(p.id()), p.name(),
							(p.productLine() != null) ? p.code() + " · " + p.productLine() : p.code()))
					.toList());
		return "picker :: options";
	}

}
