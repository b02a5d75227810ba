package io.dakehu.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The limit on requests working at once, on the filter alone: requests that stay in the
 * chain until the test opens a gate show who got a turn.
 */
class ConcurrentRequestsTests {

	/** Longer than any wait here, so only a turn given back lets a request in. */
	private static final long LONG_WAIT_MILLIS = 30_000;

	/** A request that leaves the chain as soon as it is in. */
	private static final FilterChain PASSES_AT_ONCE = (request, response) -> {
	};

	/** Requests now inside the chain. */
	private final AtomicInteger inside = new AtomicInteger();

	/** Each permit lets one request leave the chain. */
	private final Semaphore gate = new Semaphore(0);

	private final FilterChain heldUntilTheGateOpens = (request, response) -> {
		this.inside.incrementAndGet();
		try {
			this.gate.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.inside.decrementAndGet();
		}
	};

	@Test
	void asManyRequestsWorkAsThereAreTurnsAndTheNextWaitsForATurnGivenBack() throws Exception {
		ConcurrentRequests filter = new ConcurrentRequests(2, LONG_WAIT_MILLIS);
		List<CompletableFuture<Void>> requests = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			requests.add(send(filter, get(), this.heldUntilTheGateOpens));
		}
		awaitInside(2);
		// The third has had time to come in and has not.
		Thread.sleep(300);
		assertThat(this.inside).hasValue(2);
		this.gate.release();
		CompletableFuture.anyOf(requests.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		// The one that left gave its turn to the one waiting.
		awaitInside(2);
		assertThat(requests.stream().filter(CompletableFuture::isDone)).hasSize(1);
		this.gate.release(2);
		CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
	}

	@Test
	void anUploadGoesAheadWhileEveryTurnIsTaken() throws Exception {
		ConcurrentRequests filter = new ConcurrentRequests(1, LONG_WAIT_MILLIS);
		CompletableFuture<Void> held = send(filter, get(), this.heldUntilTheGateOpens);
		awaitInside(1);
		MockHttpServletRequest upload = new MockHttpServletRequest("POST", "/api/v1/imports/accounts");
		upload.setContentType("multipart/form-data; boundary=x");
		send(filter, upload, PASSES_AT_ONCE).get(10, TimeUnit.SECONDS);
		MockHttpServletRequest form = new MockHttpServletRequest("POST", "/accounts");
		form.setContentType("application/x-www-form-urlencoded");
		CompletableFuture<Void> waiting = send(filter, form, PASSES_AT_ONCE);
		Thread.sleep(300);
		assertThat(waiting).as("a form that is not an upload waits for its turn").isNotDone();
		this.gate.release();
		held.get(10, TimeUnit.SECONDS);
		waiting.get(10, TimeUnit.SECONDS);
	}

	@Test
	void aRequestThatWaitedAsLongAsForAConnectionGoesAheadAndGivesBackNoTurnItDidNotTake() throws Exception {
		long waitMillis = 200;
		ConcurrentRequests filter = new ConcurrentRequests(1, waitMillis);
		CompletableFuture<Void> held = send(filter, get(), this.heldUntilTheGateOpens);
		awaitInside(1);
		long started = System.nanoTime();
		send(filter, get(), PASSES_AT_ONCE).get(10, TimeUnit.SECONDS);
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(waitMillis);
		// Had the request that went ahead given back a turn, there would be two now and
		// this one would not wait.
		started = System.nanoTime();
		send(filter, get(), PASSES_AT_ONCE).get(10, TimeUnit.SECONDS);
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(waitMillis);
		this.gate.release();
		held.get(10, TimeUnit.SECONDS);
	}

	@Test
	void aRequestThatFailsGivesItsTurnBack() throws Exception {
		ConcurrentRequests filter = new ConcurrentRequests(1, LONG_WAIT_MILLIS);
		assertThatThrownBy(() -> filter.doFilter(get(), new MockHttpServletResponse(), (request, response) -> {
			throw new ServletException("the controller failed");
		})).hasMessage("the controller failed");
		send(filter, get(), PASSES_AT_ONCE).get(10, TimeUnit.SECONDS);
	}

	private static MockHttpServletRequest get() {
		return new MockHttpServletRequest("GET", "/api/v1/accounts");
	}

	private static CompletableFuture<Void> send(ConcurrentRequests filter, MockHttpServletRequest request,
			FilterChain chain) {
		return CompletableFuture.runAsync(() -> {
			try {
				filter.doFilter(request, new MockHttpServletResponse(), chain);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, (task) -> new Thread(task).start());
	}

	private void awaitInside(int expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.inside.get() != expected && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.inside).hasValue(expected);
	}

}
