package io.dakehu.dataimport;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes the demo's story layer ({@code demo/crm-sales-opportunities/story/}) from the
 * public files with a fixed seed, so the same files come out on every machine:
 * {@code DemoDataGeneratorTest} fails when the committed files differ from what this
 * class writes. Run {@code main} from the project folder after changing the rules, and
 * describe the change in the data set's README.
 *
 * All dates are on the public file's calendar, whose last close date is {@link #ANCHOR};
 * the application moves them onto today when it loads them.
 */
final class DemoDataGenerator {

	static final long SEED = 20_171_231L;

	static final LocalDate ANCHOR = LocalDate.of(2017, 12, 31);

	static final String DIRECTOR = "Grace Holloway";

	static final Path FOLDER = Path.of("src/main/resources/demo/crm-sales-opportunities/story");

	/** Unit costs of the catalogue: about 55 to 65 % of the list price, by series. */
	static final Map<String, Integer> UNIT_COSTS = new LinkedHashMap<>();

	static {
		UNIT_COSTS.put("GTX Basic", 330);
		UNIT_COSTS.put("GTX Pro", 2890);
		UNIT_COSTS.put("MG Special", 30);
		UNIT_COSTS.put("MG Advanced", 1870);
		UNIT_COSTS.put("GTX Plus Pro", 3290);
		UNIT_COSTS.put("GTX Plus Basic", 660);
		UNIT_COSTS.put("GTK 500", 17390);
	}

	/**
	 * Accounts added to the public ones: four that stopped buying, six that have not
	 * bought yet.
	 */
	static final String[][] EXTRA_ACCOUNTS = {
			{ "Quadzone", "retail", "2004", "412.50", "880", "United States", "DORMANT" },
			{ "Lexibright", "medical", "1991", "967.20", "2140", "United States", "DORMANT" },
			{ "Tamplanet", "software", "2009", "188.75", "360", "United States", "DORMANT" },
			{ "Sanzoom", "finance", "1988", "2210.40", "4120", "Germany", "DORMANT" },
			{ "Brightway Logistics", "services", "2001", "655.30", "1420", "United States", "PROSPECT" },
			{ "Nortex Systems", "technolgy", "2011", "310.90", "540", "United States", "PROSPECT" },
			{ "Helixa Health", "medical", "1997", "1480.00", "2950", "United States", "PROSPECT" },
			{ "Orbis Retail Group", "retail", "1985", "3120.60", "7310", "China", "PROSPECT" },
			{ "Pinecrest Media", "entertainment", "2006", "240.15", "410", "United States", "PROSPECT" },
			{ "Vantagepoint Telecom", "telecommunications", "1994", "1890.25", "3660", "Japan", "PROSPECT" } };

	private static final String[] FIRST = { "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Mason",
			"Isabella", "Lucas", "Mia", "Logan", "Amelia", "James", "Harper", "Benjamin", "Evelyn", "Elijah", "Abigail",
			"Daniel", "Emily", "Henry", "Ella", "Jackson", "Grace", "Samuel", "Chloe", "David", "Lily", "Joseph",
			"Nora", "Wei", "Mei", "Hiroshi", "Yuki", "Priya", "Arjun", "Fatima", "Omar", "Lena" };

	private static final String[] LAST = { "Carter", "Nguyen", "Patel", "Kim", "Garcia", "Müller", "Rossi", "Silva",
			"Kowalski", "Okafor", "Jensen", "Tanaka", "Chen", "Wang", "Lopez", "Schmidt", "Novak", "Dubois", "Haddad",
			"Ivanova", "Murphy", "Bennett", "Foster", "Hughes", "Reyes", "Brooks", "Price", "Ward", "Sullivan", "Perry",
			"Fischer", "Larsen", "Moreau", "Costa", "Sato", "Lin", "Zhang", "Park", "Ali", "Evans" };

	/**
	 * Title, department, buying roles, influence: the people a buying center is made of.
	 */
	private static final String[][] PEOPLE = { { "Chief Executive Officer", "Executive", "DECIDER", "5" },
			{ "Procurement Manager", "Purchasing", "BUYER", "3" }, { "IT Director", "IT", "INFLUENCER;USER", "4" },
			{ "Chief Financial Officer", "Finance", "DECIDER;INFLUENCER", "4" },
			{ "Operations Manager", "Operations", "USER", "3" },
			{ "Executive Assistant", "Executive", "GATEKEEPER", "2" } };

	private static final String[] ATTITUDES = { "CHAMPION", "SUPPORTER", "SUPPORTER", "NEUTRAL", "NEUTRAL",
			"OPPONENT" };

	private static final String[] EVIDENCE = { "Dinner with the decision makers; they shared next year's plans",
			"Passed their supplier audit", "Won the tender for the second site", "Pilot accepted by the users",
			"Joint planning workshop with their management", "Reference visit to one of our customers",
			"They asked us to quote for a new product line", "Complaint resolved to their satisfaction",
			"Their new purchasing head prefers a competitor", "Contract renewed for two years" };

	private final Random random = new Random(SEED);

	private final List<String[]> teams;

	private final List<String[]> products;

	private final List<String[]> accounts;

	private final List<String[]> pipeline;

	private final Map<String, Integer> listPrices = new HashMap<>();

	DemoDataGenerator(List<String[]> teams, List<String[]> products, List<String[]> accounts, List<String[]> pipeline) {
		this.teams = teams;
		this.products = products;
		this.accounts = accounts;
		this.pipeline = pipeline;
		for (String[] product : products) {
			this.listPrices.put(product[0], Integer.parseInt(product[2]));
		}
	}

	static DemoDataGenerator fromPublicFiles() throws IOException {
		return new DemoDataGenerator(DemoDataImportTest.csv("sales_teams.csv"), DemoDataImportTest.csv("products.csv"),
				DemoDataImportTest.csv("accounts.csv"), DemoDataImportTest.csv("sales_pipeline.csv"));
	}

	public static void main(String[] args) throws IOException {
		Files.createDirectories(FOLDER);
		for (Map.Entry<String, String> file : fromPublicFiles().generate().entrySet()) {
			Files.writeString(FOLDER.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
		}
	}

	/** The product as the catalogue names it ("GTXPro" in the pipeline is "GTX Pro"). */
	String product(String name) {
		String key = name.replace(" ", "").toLowerCase(Locale.ROOT);
		for (String[] product : this.products) {
			if (product[0].replace(" ", "").toLowerCase(Locale.ROOT).equals(key)) {
				return product[0];
			}
		}
		throw new IllegalArgumentException(name);
	}

	static String username(String displayName) {
		return UserImporter.usernameFor(displayName);
	}

	/** File name to content, in the order the application loads them. */
	Map<String, String> generate() {
		Map<String, String> files = new LinkedHashMap<>();
		List<String> agents = this.teams.stream().map((row) -> row[0]).toList();

		// What each account bought in the public file (all of it lies in the last 12
		// months once moved onto today) and from whom.
		Map<String, Long> current = new LinkedHashMap<>();
		Map<String, Long> margin = new HashMap<>();
		Map<String, Map<String, Long>> wonBy = new HashMap<>();
		Map<String, Long> wonByAgent = new HashMap<>();
		Map<String, Set<String>> boughtProducts = new HashMap<>();
		for (String[] account : this.accounts) {
			current.put(account[0], 0L);
		}
		for (String[] row : this.pipeline) {
			if (row[4].equals("Won")) {
				long amount = Long.parseLong(row[7]);
				String product = product(row[2]);
				current.merge(row[3], amount, Long::sum);
				margin.merge(row[3], amount - UNIT_COSTS.get(product), Long::sum);
				wonBy.computeIfAbsent(row[3], (k) -> new HashMap<>()).merge(row[1], amount, Long::sum);
				wonByAgent.merge(row[1], amount, Long::sum);
				boughtProducts.computeIfAbsent(row[3], (k) -> new java.util.TreeSet<>()).add(product);
			}
		}

		// Owners: round by round, each salesperson (biggest seller first) takes the
		// account still free on which they won the most, so everyone owns two or three
		// accounts they sell to.
		Map<String, String> owner = new LinkedHashMap<>();
		Map<String, Integer> owned = new HashMap<>();
		List<String> bySales = new ArrayList<>(agents);
		bySales.sort(Comparator.comparing((String a) -> wonByAgent.getOrDefault(a, 0L))
			.reversed()
			.thenComparing(Comparator.naturalOrder()));
		boolean progress = true;
		while (owner.size() < this.accounts.size() && progress) {
			progress = false;
			for (String agent : bySales) {
				String best = null;
				long bestAmount = 0;
				for (String[] account : this.accounts) {
					long amount = wonBy.getOrDefault(account[0], Map.of()).getOrDefault(agent, 0L);
					if (!owner.containsKey(account[0]) && amount > bestAmount) {
						best = account[0];
						bestAmount = amount;
					}
				}
				if (best != null && owner.size() < this.accounts.size()) {
					owner.put(best, agent);
					owned.merge(agent, 1, Integer::sum);
					progress = true;
				}
			}
		}
		// The extra accounts go to those who own the fewest, the README's KAM first.
		List<String> fewest = new ArrayList<>(agents);
		fewest.sort(Comparator.comparing((String a) -> a.equals("Moses Frase") ? 0 : 1)
			.thenComparing((String a) -> owned.getOrDefault(a, 0))
			.thenComparing(Comparator.naturalOrder()));
		for (int i = 0; i < EXTRA_ACCOUNTS.length; i++) {
			String agent = fewest.get(i % fewest.size());
			owner.put(EXTRA_ACCOUNTS[i][0], agent);
			owned.merge(agent, 1, Integer::sum);
		}

		// Value x growth: the five biggest customers rank VIP or Major whatever their
		// growth; the others get a prior year that makes them new, falling, growing or
		// stable.
		List<String> ranked = new ArrayList<>(current.keySet());
		ranked.sort(
				Comparator.comparing((String a) -> current.get(a)).reversed().thenComparing(Comparator.naturalOrder()));
		Map<String, String> plan = new LinkedHashMap<>();
		List<String> rest = new ArrayList<>(ranked.subList(5, ranked.size()));
		java.util.Collections.shuffle(rest, this.random);
		for (int i = 0; i < ranked.size(); i++) {
			String account = ranked.get(i);
			plan.put(account, (i < 5) ? "TOP" : null);
		}
		for (int i = 0; i < rest.size(); i++) {
			plan.put(rest.get(i), (i < 12) ? "NEW" : (i < 28) ? "FALLING" : (i < 50) ? "GROWING" : "STABLE");
		}
		// Two stable customers cost more to serve than they earn: net profit below zero.
		List<String> costly = rest.subList(50, rest.size())
			.stream()
			.sorted(Comparator.comparing((String a) -> current.get(a)).thenComparing(Comparator.naturalOrder()))
			.limit(2)
			.toList();

		files.put("people.csv", "display name,username,role\n" + DIRECTOR + "," + username(DIRECTOR) + ",DIRECTOR\n");

		StringBuilder costs = new StringBuilder("product,unit cost\n");
		UNIT_COSTS.forEach((product, cost) -> costs.append(product).append(',').append(cost).append('\n'));
		files.put("product_costs.csv", costs.toString());

		StringBuilder extra = new StringBuilder(
				"account,sector,year_established,revenue,employees,office_location,subsidiary_of\n");
		for (String[] account : EXTRA_ACCOUNTS) {
			extra.append(String.join(",", account[0], account[1], account[2], account[3], account[4], account[5], ""))
				.append('\n');
		}
		files.put("accounts.csv", extra.toString());

		StringBuilder owners = new StringBuilder("account,owner\n");
		owner.forEach((account, agent) -> owners.append(account).append(',').append(username(agent)).append('\n'));
		files.put("owners.csv", owners.toString());

		// Purchases of the prior year (13 to 23 months before the anchor), and of the
		// accounts that stopped buying (14 to 23 months before it).
		StringBuilder purchases = new StringBuilder(
				"reference,account,date,product,quantity,amount,cost,salesperson\n");
		int[] reference = { 0 };
		for (String account : ranked) {
			String kind = plan.get(account);
			long now = current.get(account);
			double growth = switch (kind) {
				case "NEW" -> Double.NaN;
				case "FALLING" -> -(0.12 + 0.28 * this.random.nextDouble());
				case "GROWING" -> 0.25 + 0.65 * this.random.nextDouble();
				case "STABLE" -> 0.02 + 0.13 * this.random.nextDouble();
				default -> -0.05 + 0.35 * this.random.nextDouble();
			};
			if (Double.isNaN(growth)) {
				continue;
			}
			long prior = Math.round(now / (1 + growth));
			purchases(purchases, reference, account, prior, boughtProducts.get(account), owner.get(account), 380, 710);
		}
		for (String[] account : EXTRA_ACCOUNTS) {
			if (account[6].equals("DORMANT")) {
				long prior = 30_000 + this.random.nextInt(90_000);
				purchases(purchases, reference, account[0], prior, Set.of("GTX Basic", "MG Advanced", "GTX Plus Basic"),
						owner.get(account[0]), 430, 700);
			}
		}
		files.put("purchases.csv", purchases.toString());

		// Amounts, stages and expected close dates of the open deals.
		StringBuilder open = new StringBuilder("opportunity_id,stage,amount,expected_close\n");
		String[] engaging = { "PRODUCT_SPECIFICATION", "SUPPLIER_SEARCH", "SUPPLIER_SEARCH", "PROPOSAL_SOLICITATION",
				"PROPOSAL_SOLICITATION", "SUPPLIER_SELECTION", "SUPPLIER_SELECTION", "ORDER", "PERFORMANCE_REVIEW" };
		for (String[] row : this.pipeline) {
			if (row[4].equals("Won") || row[4].equals("Lost")) {
				continue;
			}
			String stage = row[4].equals("Prospecting")
					? ((this.random.nextInt(10) < 7) ? "PROBLEM_RECOGNITION" : "NEED_DESCRIPTION")
					: engaging[this.random.nextInt(engaging.length)];
			int price = this.listPrices.get(product(row[2]));
			long amount = Math.max(1, Math.round(price * (0.85 + 0.25 * this.random.nextDouble())));
			boolean late = stage.equals("SUPPLIER_SELECTION") || stage.equals("ORDER")
					|| stage.equals("PERFORMANCE_REVIEW");
			LocalDate close = ANCHOR.plusDays(late ? 5 + this.random.nextInt(55) : 20 + this.random.nextInt(160));
			open.append(String.join(",", row[0], stage, Long.toString(amount), close.toString())).append('\n');
		}
		files.put("open_deals.csv", open.toString());

		// Contacts, their buying roles and our relationship with each.
		List<String> all = new ArrayList<>(current.keySet());
		for (String[] account : EXTRA_ACCOUNTS) {
			all.add(account[0]);
		}
		Map<String, Integer> tierCadence = new HashMap<>();
		for (int i = 0; i < ranked.size(); i++) {
			tierCadence.put(ranked.get(i), (i < 1) ? 14 : (i < 5) ? 30 : (i < 18) ? 60 : 180);
		}
		Map<String, List<String>> contactsOf = new HashMap<>();
		Map<String, int[]> lastLevels = new HashMap<>();
		StringBuilder assessments = new StringBuilder("account,assessor,assessed_on,personal,company,evidence\n");
		for (String account : all) {
			boolean prospect = isProspect(account);
			int count = prospect ? 1 + this.random.nextInt(2) : 0;
			LocalDate first = ANCHOR
				.minusDays(prospect ? 60 + this.random.nextInt(120) : 480 + this.random.nextInt(220));
			int personal = prospect ? this.random.nextInt(2) : 1 + this.random.nextInt(2);
			int company = prospect ? this.random.nextInt(2) : 1 + this.random.nextInt(2);
			boolean onePerson = !prospect && this.random.nextInt(7) == 0;
			boolean top = "TOP".equals(plan.get(account));
			int steps = prospect ? count : 2 + this.random.nextInt(top ? 3 : 2);
			LocalDate on = first;
			long span = java.time.temporal.ChronoUnit.DAYS.between(first, ANCHOR.minusDays(10));
			for (int step = 0; step < steps; step++) {
				if (step > 0) {
					on = on.plusDays(Math.max(1, span / steps) - this.random.nextInt(20));
					personal = Math.min(5, personal + ((this.random.nextInt(10) < (top ? 8 : 6)) ? 1 : 0));
					company = onePerson ? Math.min(2, company)
							: Math.min(5, company + ((this.random.nextInt(10) < (top ? 7 : 5)) ? 1 : 0));
					if ("FALLING".equals(plan.get(account)) && step == steps - 1) {
						company = Math.max(1, company - 1);
					}
				}
				assessments.append(String.join(",", account, username(owner.get(account)), on.toString(),
						Integer.toString(personal), Integer.toString(company),
						EVIDENCE[this.random.nextInt(EVIDENCE.length)]))
					.append('\n');
			}
			lastLevels.put(account, new int[] { personal, company });
		}
		StringBuilder contacts = new StringBuilder(
				"account,name,title,department,phone,email,birthday,roles,influence,attitude,personal_level\n");
		String domainOf;
		int phone = 100;
		for (String account : all) {
			int count = isProspect(account) ? 2 : "TOP".equals(plan.get(account)) ? 5 : 3;
			Set<String> names = new HashSet<>();
			List<String> people = new ArrayList<>();
			domainOf = account.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".example.com";
			for (int i = 0; i < count; i++) {
				String name;
				do {
					name = FIRST[this.random.nextInt(FIRST.length)] + " " + LAST[this.random.nextInt(LAST.length)];
				}
				while (!names.add(name));
				people.add(name);
				String[] role = PEOPLE[i];
				LocalDate birthday;
				if (this.random.nextInt(8) == 0) {
					// A birthday in the next two weeks, for the contact plan.
					birthday = ANCHOR.plusDays(2 + this.random.nextInt(11)).minusYears(30 + this.random.nextInt(25));
				}
				else {
					birthday = LocalDate.of(1960 + this.random.nextInt(33), 1, 1).plusDays(this.random.nextInt(365));
				}
				int level = Math.max(0, Math.min(5, lastLevels.get(account)[0] + this.random.nextInt(3) - 1));
				String email = name.toLowerCase(Locale.ROOT).replace("ü", "u").replace(' ', '.') + "@" + domainOf;
				contacts.append(String.join(",", account, name, role[0], role[1], String.format("+1 555 %04d", phone++),
						email, birthday.toString(), role[2], role[3], ATTITUDES[this.random.nextInt(ATTITUDES.length)],
						Integer.toString(level)))
					.append('\n');
			}
			contactsOf.put(account, people);
		}
		files.put("contacts.csv", contacts.toString());
		files.put("assessments.csv", assessments.toString());

		// Activities: the last contact of about one account in four is older than its
		// tier's cadence (overdue); the two costly customers are hosted lavishly.
		StringBuilder activities = new StringBuilder(
				"account,user,type,occurred_at,duration_minutes,cost,summary,contacts,next_step,next_contact_date\n");
		for (String account : all) {
			boolean prospect = isProspect(account);
			boolean dormant = isDormant(account);
			int cadence = tierCadence.getOrDefault(account, 180);
			boolean overdue = this.random.nextInt(4) == 0;
			int last = overdue ? cadence + 5 + this.random.nextInt(30)
					: this.random.nextInt(Math.max(3, Math.min(cadence, 40)));
			if (dormant) {
				last = 200 + this.random.nextInt(100);
			}
			int count = prospect ? 2 : dormant ? 2 : "TOP".equals(plan.get(account)) ? 12 : 4 + this.random.nextInt(4);
			long budget = Math.max(500, margin.getOrDefault(account, 0L) / 20);
			List<String> people = contactsOf.get(account);
			List<LocalDate> dates = new ArrayList<>();
			dates.add(ANCHOR.minusDays(last));
			for (int i = 1; i < count; i++) {
				dates.add(ANCHOR.minusDays(last + 1 + this.random.nextInt(Math.max(1, 330 - last))));
			}
			dates.sort(Comparator.naturalOrder());
			long spent = 0;
			for (int i = 0; i < dates.size(); i++) {
				String type = pick(prospect);
				int[] time = switch (type) {
					case "VISIT" -> new int[] { 60, 120, 50, 300 };
					case "MEETING" -> new int[] { 45, 75, 0, 150 };
					case "HOSTING" -> new int[] { 120, 120, 300, 900 };
					case "GIFT" -> new int[] { 15, 15, 80, 300 };
					case "PHONE" -> new int[] { 5, 25, 0, 0 };
					default -> new int[] { 10, 20, 0, 0 };
				};
				int minutes = time[0] + this.random.nextInt(time[1] + 1);
				long cost = (time[3] > 0) ? time[2] + this.random.nextInt(time[3] - time[2] + 1) : 0;
				if (spent + cost > budget) {
					cost = 0;
				}
				spent += cost;
				String contact = people.get(this.random.nextInt(people.size()));
				boolean latest = i == dates.size() - 1;
				String next = "";
				String nextDate = "";
				if (latest && !dormant && this.random.nextInt(2) == 0) {
					next = "Follow up on the open quotation";
					nextDate = ANCHOR.plusDays(overdue ? -(3 + this.random.nextInt(10)) : 3 + this.random.nextInt(25))
						.toString();
				}
				activities.append(String.join(",", account, username(owner.get(account)), type,
						dates.get(i).atTime(9 + this.random.nextInt(8), 15 * this.random.nextInt(4)).toString(),
						Integer.toString(minutes), Long.toString(cost), summary(type, contact), contact, next,
						nextDate))
					.append('\n');
			}
			if (costly.contains(account)) {
				long each = margin.get(account) * 35 / 100;
				for (int i = 0; i < 4; i++) {
					String contact = people.get(i % people.size());
					activities
						.append(String.join(",", account, username(owner.get(account)), "HOSTING",
								ANCHOR.minusDays(40 + 70L * i).atTime(18, 0).toString(), "240", Long.toString(each),
								"Hosted " + contact + " at the trade fair with dinner and hotel", contact, "", ""))
						.append('\n');
				}
			}
		}
		files.put("activities.csv", activities.toString());

		// Target companies of the current year: a salesperson's own accounts with high
		// intention, the prospects they own with medium, two more accounts they sell to
		// with medium or low.
		StringBuilder targets = new StringBuilder("salesperson,account,intention\n");
		Map<String, Set<String>> dealsOn = new HashMap<>();
		for (String[] row : this.pipeline) {
			if (!row[3].isEmpty() && !row[4].equals("Won") && !row[4].equals("Lost")) {
				dealsOn.computeIfAbsent(row[1], (k) -> new java.util.TreeSet<>()).add(row[3]);
			}
		}
		for (String agent : agents) {
			Set<String> chosen = new HashSet<>();
			for (Map.Entry<String, String> entry : owner.entrySet()) {
				if (entry.getValue().equals(agent)) {
					chosen.add(entry.getKey());
					targets
						.append(String.join(",", username(agent), entry.getKey(),
								isProspect(entry.getKey()) ? "MEDIUM" : "HIGH"))
						.append('\n');
				}
			}
			List<String> others = new ArrayList<>(dealsOn.getOrDefault(agent, Set.of()));
			others.removeAll(chosen);
			java.util.Collections.shuffle(others, this.random);
			for (String account : others.subList(0, Math.min(2, others.size()))) {
				targets
					.append(String.join(",", username(agent), account,
							(this.random.nextInt(2) == 0) ? "MEDIUM" : "LOW"))
					.append('\n');
			}
			String prospect = EXTRA_ACCOUNTS[4 + this.random.nextInt(6)][0];
			if (!chosen.contains(prospect)) {
				targets.append(String.join(",", username(agent), prospect, "LOW")).append('\n');
			}
		}
		files.put("targets.csv", targets.toString());

		// Quotas of the current year: what each salesperson won in the file's year, plus
		// up to a quarter, rounded to ten thousand.
		StringBuilder quotas = new StringBuilder("salesperson,amount\n");
		for (String agent : agents) {
			long won = wonByAgent.getOrDefault(agent, 0L);
			long quota = BigDecimal.valueOf(won * (1.0 + 0.25 * this.random.nextDouble()))
				.divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
				.longValue() * 10_000;
			quotas.append(username(agent)).append(',').append(quota).append('\n');
		}
		files.put("quotas.csv", quotas.toString());
		return files;
	}

	private void purchases(StringBuilder out, int[] reference, String account, long total, Set<String> bought,
			String agent, int nearestDays, int farthestDays) {
		List<String> choices = new ArrayList<>(new java.util.TreeSet<>(bought));
		long left = total;
		while (left > 0) {
			long chunk = Math.min(left, 1_500 + this.random.nextInt(6_000));
			long part = (left - chunk < 500) ? left : chunk;
			List<String> fitting = choices.stream().filter((p) -> this.listPrices.get(p) <= part).toList();
			String product = fitting.isEmpty() ? "MG Special" : fitting.get(this.random.nextInt(fitting.size()));
			long quantity = Math.max(1, Math.round((double) part / this.listPrices.get(product)));
			LocalDate date = ANCHOR.minusDays(nearestDays + this.random.nextInt(farthestDays - nearestDays + 1));
			out.append(String.join(",", String.format("P%05d", ++reference[0]), account, date.toString(), product,
					Long.toString(quantity), Long.toString(part), Long.toString(quantity * UNIT_COSTS.get(product)),
					username(agent)))
				.append('\n');
			left -= part;
		}
	}

	private String pick(boolean prospect) {
		String[] types = prospect ? new String[] { "PHONE", "MESSAGE", "VISIT", "INFORMATION" }
				: new String[] { "VISIT", "VISIT", "PHONE", "PHONE", "PHONE", "MESSAGE", "MEETING", "MEETING",
						"INFORMATION", "GIFT", "HOSTING", "GREETING", "LETTER" };
		return types[this.random.nextInt(types.length)];
	}

	private static String summary(String type, String contact) {
		return switch (type) {
			case "VISIT" -> "Visited " + contact + " to review how our products are used";
			case "PHONE" -> "Call with " + contact + " about delivery dates";
			case "MESSAGE" -> "Sent " + contact + " the updated price list";
			case "LETTER" -> "Letter to " + contact + " confirming the service terms";
			case "GIFT" -> "Sent " + contact + " a seasonal gift";
			case "INFORMATION" -> "Shared a case study with " + contact;
			case "HOSTING" -> "Hosted " + contact + " for a plant tour and lunch";
			case "GREETING" -> "Greetings to " + contact + " for the holidays";
			default -> "Business review with " + contact;
		};
	}

	static boolean isProspect(String account) {
		return extra(account, "PROSPECT");
	}

	static boolean isDormant(String account) {
		return extra(account, "DORMANT");
	}

	private static boolean extra(String account, String kind) {
		for (String[] extra : EXTRA_ACCOUNTS) {
			if (extra[0].equals(account)) {
				return extra[6].equals(kind);
			}
		}
		return false;
	}

}
