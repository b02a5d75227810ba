package io.dakehu.shared;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values remembered per owner and day with the owner's version: worked out again only
 * when the version moves, once for all the readers that find it moved at the same moment,
 * and never remembered from a transaction that may write (outside a transaction, every
 * statement reads what is committed: remembered).
 */
class VersionedMemoTests {

	private static final LocalDate DAY = LocalDate.of(2026, 12, 4);

	private final VersionedMemo<String> memo = new VersionedMemo<>(100, (value) -> 1, "none");

	private final ExecutorService readers = Executors.newFixedThreadPool(2);

	@AfterEach
	void stop() {
		this.readers.shutdownNow();
	}

	@Test
	void aValueIsWorkedOutAgainOnlyWhenItsVersionMoves() {
		AtomicInteger calls = new AtomicInteger();
		Function<Set<Long>, Map<Long, String>> work = (owners) -> {
			calls.incrementAndGet();
			return Map.of(1L, "v" + calls.get());
		};
		assertThat(readOnly(() -> this.memo.of(Set.of(1L, 2L), Map.of(1L, 5L), DAY, work)))
			.containsExactlyInAnyOrderEntriesOf(Map.of(1L, "v1", 2L, "none"));
		assertThat(readOnly(() -> this.memo.of(Set.of(1L, 2L), Map.of(1L, 5L), DAY, work))).containsEntry(1L, "v1");
		assertThat(calls).hasValue(1);
		assertThat(readOnly(() -> this.memo.of(Set.of(1L), Map.of(1L, 6L), DAY, work))).containsEntry(1L, "v2");
		assertThat(readOnly(() -> this.memo.of(Set.of(1L), Map.of(1L, 6L), DAY.plusDays(1), work))).containsEntry(1L,
				"v3");
		assertThat(calls).hasValue(3);
	}

	@Test
	void whatATransactionThatMayWriteWorksOutIsNotRemembered() {
		AtomicInteger calls = new AtomicInteger();
		Function<Set<Long>, Map<Long, String>> work = (owners) -> Map.of(1L, "v" + calls.incrementAndGet());
		assertThat(writing(() -> this.memo.of(Set.of(1L), Map.of(1L, 1L), DAY, work))).containsEntry(1L, "v1");
		assertThat(writing(() -> this.memo.of(Set.of(1L), Map.of(1L, 1L), DAY, work))).containsEntry(1L, "v2");
		assertThat(readOnly(() -> this.memo.of(Set.of(1L), Map.of(1L, 1L), DAY, work))).containsEntry(1L, "v3");
		assertThat(readOnly(() -> this.memo.of(Set.of(1L), Map.of(1L, 1L), DAY, work))).containsEntry(1L, "v3");
	}

	@Test
	void whatIsWorkedOutOutsideATransactionIsRemembered() {
		AtomicInteger calls = new AtomicInteger();
		Function<Set<Long>, Map<Long, String>> work = (owners) -> Map.of(1L, "v" + calls.incrementAndGet());
		assertThat(this.memo.of(Set.of(1L), Map.of(1L, 1L), DAY, work)).containsEntry(1L, "v1");
		assertThat(this.memo.of(Set.of(1L), Map.of(1L, 1L), DAY, work)).containsEntry(1L, "v1");
		assertThat(calls).hasValue(1);
	}

	@Test
	void readersThatFindTheSameVersionMovedAtOnceWaitForOneWork() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch working = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Function<Set<Long>, Map<Long, String>> slow = (owners) -> {
			calls.incrementAndGet();
			working.countDown();
			await(release);
			return Map.of(1L, "aged");
		};
		Future<Map<Long, String>> first = this.readers
			.submit(() -> readOnly(() -> this.memo.of(Set.of(1L), Map.of(1L, 7L), DAY, slow)));
		assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
		Future<Map<Long, String>> second = this.readers
			.submit(() -> readOnly(() -> this.memo.of(Set.of(1L), Map.of(1L, 7L), DAY, slow)));
		Thread.sleep(200);
		assertThat(second).isNotDone();
		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).containsEntry(1L, "aged");
		assertThat(second.get(10, TimeUnit.SECONDS)).containsEntry(1L, "aged");
		assertThat(calls).hasValue(1);
	}

	@Test
	void aWorkThatFailsFailsItsWaitersAndIsNotRemembered() throws Exception {
		CountDownLatch working = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Function<Set<Long>, Map<Long, String>> failing = (owners) -> {
			working.countDown();
			await(release);
			throw new IllegalStateException("database gone");
		};
		Future<Map<Long, String>> first = this.readers
			.submit(() -> readOnly(() -> this.memo.of(Set.of(1L), Map.of(1L, 7L), DAY, failing)));
		assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
		Future<Map<Long, String>> second = this.readers
			.submit(() -> readOnly(() -> this.memo.of(Set.of(1L), Map.of(1L, 7L), DAY, failing)));
		Thread.sleep(200);
		release.countDown();
		assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("database gone");
		assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("database gone");
		assertThat(readOnly(() -> this.memo.of(Set.of(1L), Map.of(1L, 7L), DAY, (owners) -> Map.of(1L, "later"))))
			.containsEntry(1L, "later");
	}

	private static <T> T readOnly(java.util.function.Supplier<T> read) {
		TransactionSynchronizationManager.setCurrentTransactionReadOnly(true);
		try {
			return read.get();
		}
		finally {
			TransactionSynchronizationManager.setCurrentTransactionReadOnly(false);
		}
	}

	/** Inside a transaction that may write. */
	private static <T> T writing(java.util.function.Supplier<T> write) {
		TransactionSynchronizationManager.setActualTransactionActive(true);
		try {
			return write.get();
		}
		finally {
			TransactionSynchronizationManager.setActualTransactionActive(false);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
