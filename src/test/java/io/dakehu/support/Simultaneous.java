package io.dakehu.support;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two writes of one thing at the same moment, made certain rather than left to timing:
 * the first runs in a transaction kept open while the second starts beside it, so
 * whatever the second checks cannot see the first's rows yet; then the first commits and
 * the second finishes.
 */
public final class Simultaneous {

	/** How long the second may take before it counts as waiting for the first. */
	private static final long WAIT_MILLIS = 700;

	private Simultaneous() {
	}

	/**
	 * What the second write did.
	 *
	 * @param waited whether it was still running {@value #WAIT_MILLIS} ms after it
	 * started, while the first was not committed
	 * @param value what it returned, or null
	 * @param failure what it threw, or null
	 */
	public record Outcome<T>(boolean waited, T value, Throwable failure) {
	}

	public static <T> Outcome<T> secondWhileFirstUncommitted(PlatformTransactionManager transactions, Runnable first,
			Callable<T> second) throws Exception {
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> held = threads
				.submit(() -> new TransactionTemplate(transactions).executeWithoutResult((status) -> {
					first.run();
					written.countDown();
					await(commit);
				}));
			if (!written.await(30, TimeUnit.SECONDS)) {
				held.get(1, TimeUnit.SECONDS);
				throw new IllegalStateException("the first write did not finish");
			}
			Future<T> running = threads.submit(second);
			boolean waited = false;
			try {
				running.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				waited = true;
			}
			catch (ExecutionException ex) {
				// Read below.
			}
			commit.countDown();
			held.get(30, TimeUnit.SECONDS);
			try {
				return new Outcome<>(waited, running.get(30, TimeUnit.SECONDS), null);
			}
			catch (ExecutionException ex) {
				return new Outcome<>(waited, null, ex.getCause());
			}
		}
		finally {
			commit.countDown();
			threads.shutdown();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
