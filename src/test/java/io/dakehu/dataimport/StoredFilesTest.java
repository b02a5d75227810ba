package io.dakehu.dataimport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job keeps its upload's name, and whatever a job row holds means a file in this
 * instance's folder: a restored copy of the database never reaches the files of the
 * instance it was copied from (decision 0022).
 */
class StoredFilesTest {

	@TempDir
	Path live;

	@TempDir
	Path restored;

	@Test
	void aJobStoresTheNameAndFindsItInItsOwnFolder() {
		StoredFiles files = new StoredFiles(this.restored, DataSize.ofMegabytes(512), Clock.systemUTC());
		Path upload = files.resolve("0f1e.upload");
		assertThat(StoredFiles.storedName(upload)).isEqualTo("0f1e.upload");
		assertThat(files.locate("0f1e.upload")).isEqualTo(this.restored.resolve("0f1e.upload"));
	}

	@Test
	void anAbsolutePathOfAnEarlierVersionMeansTheFileOfThatNameHereAndIsNeverDeletedElsewhere() throws Exception {
		Path liveUpload = Files.writeString(this.live.resolve("0f1e.upload"), "account\nAcme\n");
		StoredFiles files = new StoredFiles(this.restored, DataSize.ofMegabytes(512), Clock.systemUTC());

		assertThat(files.locate(liveUpload.toAbsolutePath().toString()))
			.isEqualTo(this.restored.resolve("0f1e.upload"));
		assertThat(files.locate("C:\\dakehu\\data\\imports\\0f1e.upload"))
			.isEqualTo(this.restored.resolve("0f1e.upload"));
		files.forget(liveUpload.toAbsolutePath().toString());
		files.forget("../" + this.live.getFileName() + "/0f1e.upload");
		assertThat(liveUpload).exists();
	}

}
