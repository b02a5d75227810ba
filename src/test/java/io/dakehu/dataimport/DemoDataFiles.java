package io.dakehu.dataimport;

import java.io.IOException;
import java.util.List;

/**
 * The demo CSV files as plain rows, for tests in other packages that compute expected
 * figures straight from the files.
 */
public final class DemoDataFiles {

	private DemoDataFiles() {
	}

	public static List<String[]> csv(String file) throws IOException {
		return DemoDataImportTest.csv(file);
	}

}
