package io.dakehu.dataimport;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo CSV files as plain rows, for tests in other packages that compute expected
 * figures straight from the files: the public data set ({@code sales_pipeline.csv}) and
 * its story layer ({@code story/purchases.csv}). Dates come out as the application loads
 * them, moved by whole days so that the last close date of the public file is today; the
 * shift is worked out here from the file, not taken from the application.
 */
public final class DemoDataFiles {

	private DemoDataFiles() {
	}

	public static List<String[]> csv(String file) throws IOException {
		return DemoDataImportTest.csv(file);
	}

	/** Days to add to a file's date: from the newest close date to today. */
	public static long shift() throws IOException {
		LocalDate newest = LocalDate.MIN;
		for (String[] row : csv("sales_pipeline.csv")) {
			if (!row[6].isEmpty() && (row[4].equals("Won") || row[4].equals("Lost"))) {
				LocalDate closed = LocalDate.parse(row[6]);
				newest = closed.isAfter(newest) ? closed : newest;
			}
		}
		return ChronoUnit.DAYS.between(newest, LocalDate.now());
	}

	public static LocalDate date(String text) throws IOException {
		return LocalDate.parse(text).plusDays(shift());
	}

	/** A purchase as the ledger should hold it. */
	public record Purchase(String account, LocalDate date, BigDecimal amount, BigDecimal cost, String salesperson) {
	}

	/**
	 * Every purchase: each won deal of the public file (its cost the product's unit cost
	 * from {@code story/product_costs.csv}) and each line of {@code story/purchases.csv}.
	 */
	public static List<Purchase> purchases() throws IOException {
		long shift = shift();
		Map<String, BigDecimal> unitCosts = new HashMap<>();
		for (String[] row : csv("story/product_costs.csv")) {
			unitCosts.put(row[0].replace(" ", "").toLowerCase(Locale.ROOT), new BigDecimal(row[1]));
		}
		List<Purchase> purchases = new ArrayList<>();
		for (String[] row : csv("sales_pipeline.csv")) {
			if (row[4].equals("Won")) {
				purchases.add(new Purchase(row[3], LocalDate.parse(row[6]).plusDays(shift), new BigDecimal(row[7]),
						unitCosts.get(row[2].replace(" ", "").toLowerCase(Locale.ROOT)), row[1]));
			}
		}
		for (String[] row : csv("story/purchases.csv")) {
			purchases.add(new Purchase(row[1], LocalDate.parse(row[2]).plusDays(shift), new BigDecimal(row[5]),
					new BigDecimal(row[6]), row[7]));
		}
		return purchases;
	}

	/** Account name to its owner's username, from {@code story/owners.csv}. */
	public static Map<String, String> owners() throws IOException {
		Map<String, String> owners = new HashMap<>();
		for (String[] row : csv("story/owners.csv")) {
			owners.put(row[0], row[1]);
		}
		return owners;
	}

	/** Every account name: the public file's and the story's. */
	public static List<String> accounts() throws IOException {
		List<String> names = new ArrayList<>();
		csv("accounts.csv").forEach((row) -> names.add(row[0]));
		csv("story/accounts.csv").forEach((row) -> names.add(row[0]));
		return names;
	}

}
