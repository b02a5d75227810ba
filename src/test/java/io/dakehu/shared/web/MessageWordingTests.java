package io.dakehu.shared.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the messages read, beyond their existing: Chinese sentences use Chinese
 * punctuation, and an English count of one is singular ("1 gap", never "1 gaps").
 */
class MessageWordingTests {

	/**
	 * ASCII punctuation touching a Chinese character (or Chinese punctuation) on either
	 * side: "客户,行业", "说明:", "(分钟)".
	 */
	private static final Pattern ASCII_NEXT_TO_CHINESE = Pattern.compile(
			"[\\p{IsHan}\\u3000-\\u303f\\uff00-\\uffef][,:;()?!]|[,:;()?!][\\p{IsHan}\\u3000-\\u303f\\uff00-\\uffef]");

	/**
	 * "1" followed directly by a plural noun. Not after "to": the upper end of a range
	 * ("8 to 100 characters") reads plural and is never 1.
	 */
	private static final Pattern ONE_WITH_PLURAL = Pattern
		.compile("(?<![\\d.,])(?<!to )1 (?!is\\b|has\\b|was\\b|does\\b|this\\b|us\\b)[a-z]+s\\b");

	private final Path folder = Path.of(System.getProperty("dakehu.resources", "src/main/resources"), "i18n");

	@Test
	void chineseTextUsesChinesePunctuation() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path bundle : bundles(true)) {
			Properties messages = load(bundle);
			for (String key : new TreeSet<>(messages.stringPropertyNames())) {
				Matcher matcher = ASCII_NEXT_TO_CHINESE.matcher(messages.getProperty(key));
				if (matcher.find()) {
					problems.add(bundle.getFileName() + " " + key + ": “" + matcher.group() + "”");
				}
			}
		}
		assertThat(problems).as("ASCII punctuation in Chinese text").isEmpty();
	}

	@Test
	void theCheckCatchesAsciiPunctuationInChinese() {
		assertThat(ASCII_NEXT_TO_CHINESE.matcher("暂无记录,请稍后").find()).isTrue();
		assertThat(ASCII_NEXT_TO_CHINESE.matcher("时长(分钟)").find()).isTrue();
		assertThat(ASCII_NEXT_TO_CHINESE.matcher("暂无记录，请稍后").find()).isFalse();
		assertThat(ASCII_NEXT_TO_CHINESE.matcher("第 {0}–{1} 条").find()).isFalse();
	}

	@Test
	void anEnglishCountOfOneIsSingular() throws IOException {
		List<String> problems = new ArrayList<>();
		Object[] ones = new Object[10];
		Arrays.fill(ones, 1);
		for (Path bundle : bundles(false)) {
			Properties messages = load(bundle);
			for (String key : new TreeSet<>(messages.stringPropertyNames())) {
				String text = messages.getProperty(key);
				if (!text.matches("(?s).*\\{\\d.*")) {
					continue;
				}
				String one = new MessageFormat(text, Locale.ENGLISH).format(ones);
				if (ONE_WITH_PLURAL.matcher(one).find()) {
					problems.add(bundle.getFileName() + " " + key + ": " + one);
				}
			}
		}
		assertThat(problems).as("plural nouns after a count of one").isEmpty();
	}

	@Test
	void countsReadRightForNoneOneAndMany() throws IOException {
		Properties messages = load(this.folder.resolve("relationship.properties"));
		MessageFormat gaps = new MessageFormat(messages.getProperty("coverage.gaps"), Locale.ENGLISH);
		assertThat(gaps.format(new Object[] { 0 })).isEqualTo("no gaps");
		assertThat(gaps.format(new Object[] { 1 })).isEqualTo("1 gap");
		assertThat(gaps.format(new Object[] { 1200 })).isEqualTo("1,200 gaps");
		assertThat(ONE_WITH_PLURAL.matcher("1 gaps").find()).isTrue();
		assertThat(ONE_WITH_PLURAL.matcher("11 gaps").find()).isFalse();
	}

	@Test
	void aComplaintPastDueTodayIsNotPastDueByZeroDays() throws IOException {
		String key = "churn.fact.COMPLAINTS.overdue";
		String zh = load(this.folder.resolve("retention_zh_CN.properties")).getProperty(key);
		String en = load(this.folder.resolve("retention.properties")).getProperty(key);
		assertThat(new MessageFormat(zh, Locale.SIMPLIFIED_CHINESE).format(new Object[] { 3, 0, 2 }))
			.isEqualTo("投诉 #3 今天起已逾期；90 天内投诉 2 次");
		assertThat(new MessageFormat(zh, Locale.SIMPLIFIED_CHINESE).format(new Object[] { 3, 4, 2 }))
			.isEqualTo("投诉 #3 已逾期 4 天；90 天内投诉 2 次");
		assertThat(new MessageFormat(en, Locale.ENGLISH).format(new Object[] { 3, 0, 2 }))
			.isEqualTo("Complaint #3 past due since today; 2 complaints in 90 days");
	}

	private List<Path> bundles(boolean chinese) throws IOException {
		try (Stream<Path> files = Files.list(this.folder)) {
			return files.filter((file) -> file.toString().endsWith(".properties"))
				.filter((file) -> file.getFileName().toString().contains("_zh_CN") == chinese)
				.sorted()
				.toList();
		}
	}

	private static Properties load(Path bundle) throws IOException {
		Properties messages = new Properties();
		try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
			messages.load(reader);
		}
		return messages;
	}

}
