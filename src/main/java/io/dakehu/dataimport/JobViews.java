package io.dakehu.dataimport;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.web.Labels;

import org.springframework.stereotype.Component;

/**
 * A stored job as its owner reads it: messages and row errors are stored as message keys
 * with their detail and worded here, in the reader's language at the time of reading, so
 * a job started in one language reads right in the other.
 */
@Component
class JobViews {

	private static final int SHOWN_ERRORS = 1000;

	private final JobStore jobs;

	private final ColumnMappings mappings;

	private final Labels labels;

	private final Clock clock;

	JobViews(JobStore jobs, ColumnMappings mappings, Labels labels, Clock clock) {
		this.jobs = jobs;
		this.mappings = mappings;
		this.labels = labels;
		this.clock = clock;
	}

	ImportJobView view(long id) {
		return view(id, true);
	}

	ImportJobView view(long id, boolean withErrors) {
		JobStore.Job job = this.jobs.find(id).orElseThrow(() -> new NotFoundException("Import", id));
		List<ImportJobView.Error> errors = withErrors
				? this.jobs.errors(id, SHOWN_ERRORS).stream().map((error) -> words(job.type(), error)).toList()
				: List.of();
		long rate = 0;
		if (job.startedAt() != null && job.processedRows() > 0) {
			LocalDateTime end = job.status().finished() || job.status() == ImportStatus.VALIDATED ? job.updatedAt()
					: LocalDateTime.now(this.clock);
			long millis = Math.max(1, Duration.between(job.startedAt(), end).toMillis());
			rate = job.processedRows() * 1000 / millis;
		}
		return new ImportJobView(job.id(), job.type(), job.status(), job.fileName(), job.format(), job.charset(),
				job.preview(), job.totalRows(), job.validRows(), job.errorRows(), job.processedRows(),
				job.committedRows(), rate, message(job.message()), job.createdAt(), job.updatedAt(), errors);
	}

	ImportJobView.Error words(ImportType type, ImportJobView.Error stored) {
		// A reason without a detail gets an empty one, so no message ever reads "null".
		String detail = (stored.code() != null) ? stored.code() : "";
		if ("import.missingColumn".equals(stored.reason()) && stored.code() != null) {
			detail = this.mappings.fieldLabel(type, stored.code());
		}
		// A number (a length, a count of digits) is passed as one, for the messages that
		// choose their words by it.
		Object argument = detail.matches("-?\\d{1,18}") ? (Object) Long.valueOf(detail) : detail;
		String reason = this.labels.get(stored.reason(), argument);
		// A close product name, or the stored account a rejected name duplicates.
		String suggestion = (stored.reason() != null
				&& (stored.reason().endsWith("DidYouMean") || stored.reason().equals("import.duplicateStored")))
						? stored.code() : null;
		return new ImportJobView.Error(stored.row(), stored.column(), stored.value(), reason, stored.reason(),
				suggestion);
	}

	private String message(String stored) {
		if (stored == null) {
			return null;
		}
		int colon = stored.indexOf(':');
		return (colon < 0) ? this.labels.get(stored)
				: this.labels.get(stored.substring(0, colon), stored.substring(colon + 1));
	}

}
