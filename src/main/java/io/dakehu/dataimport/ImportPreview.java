package io.dakehu.dataimport;

import java.util.List;
import java.util.Map;

/**
 * An uploaded file waiting for its column mapping: its header, its first rows, and how
 * Dakehu would map it (recognised header names, then a saved mapping).
 *
 * @param token names the staged file; the file is kept until it is imported
 * @param mapping file header to field, for the headers Dakehu maps
 * @param fields the fields of the record type, in form order
 * @param required the fields a file must have
 */
public record ImportPreview(String token, String format, String charset, List<String> header, List<List<String>> rows,
		Map<String, String> mapping, List<String> fields, List<String> required) {
}
