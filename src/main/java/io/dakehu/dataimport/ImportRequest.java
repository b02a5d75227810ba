package io.dakehu.dataimport;

/**
 * What to import and how.
 *
 * @param charset {@code UTF-8}, {@code GBK} or {@code GB18030} to override detection;
 * null to detect
 * @param source where order lines and opportunities come from (an ERP name); with their
 * reference it identifies a row, so re-importing the same export adds nothing. Null means
 * {@code import}.
 * @param defaultPassword for user imports whose file has no password column
 * @param preview stop after validation even when the file is clean
 * @param mapping the user's own column mapping, file header to field name, taking
 * precedence over the recognised header names; empty for none
 * @param duplicates what an account import does with accounts that already exist; a
 * contact import updates the one contact of a name at its account when asked to update
 */
public record ImportRequest(ImportType type, String fileName, boolean preview, String charset, String source,
		String defaultPassword, java.util.Map<String, String> mapping, DuplicatePolicy duplicates) {

	public ImportRequest {
		mapping = (mapping != null) ? java.util.Map.copyOf(mapping) : java.util.Map.of();
		duplicates = (duplicates != null) ? duplicates : DuplicatePolicy.REJECT;
	}

	public ImportRequest(ImportType type, String fileName, boolean preview, String charset, String source,
			String defaultPassword) {
		this(type, fileName, preview, charset, source, defaultPassword, java.util.Map.of(), DuplicatePolicy.REJECT);
	}

	public static ImportRequest of(ImportType type, String fileName) {
		return new ImportRequest(type, fileName, false, null, null, null);
	}

	public String sourceOrDefault() {
		return (this.source != null && !this.source.isBlank()) ? this.source.strip() : "import";
	}

}
