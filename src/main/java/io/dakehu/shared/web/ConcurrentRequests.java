package io.dakehu.shared.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets as many requests work at once as the database pool has connections; the others
 * wait their turn here, first come first served (decision 0063). Without it, every
 * request in flight ran at once — 200 worker threads on Java 17, a virtual thread each on
 * Java 21 and newer — and those beyond the pool's size took their share of the two cores
 * only to wait for a connection, which stretched the slowest requests: the account list's
 * p99 at 20 connections fell from 37–95 ms to 21–30 ms with the work limited to the pool
 * (BENCHMARKS.md, "Requests in flight").
 * <p>
 * An upload is let through at once: it spends most of its time reading the body at the
 * sender's pace, and holding a turn meanwhile would keep quick requests waiting. A
 * request that has waited as long as a request waits for a connection goes ahead without
 * a turn, so the limit shapes the queue and never refuses: when the database is out of
 * reach, requests that do not need it are still answered.
 */
@Component
class ConcurrentRequests extends OncePerRequestFilter implements OrderedFilter {

	/** First, before {@link DatabaseUnavailable} and everything it wraps. */
	static final int ORDER = DatabaseUnavailable.ORDER - 5;

	private final int capacity;

	private final Semaphore turns;

	private final long waitNanos;

	/**
	 * @param capacity how many requests may work at once
	 * @param waitMillis how long a request waits for a turn before it goes ahead without
	 */
	ConcurrentRequests(@Value("${dakehu.web.concurrent-requests}") int capacity,
			@Value("${spring.datasource.hikari.connection-timeout}") long waitMillis) {
		this.capacity = capacity;
		// Fair, so a request that came earlier gets the next turn.
		this.turns = new Semaphore(capacity, true);
		this.waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// The test of Spring's own multipart resolver.
		return StringUtils.startsWithIgnoreCase(request.getContentType(), "multipart/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean turn;
		try {
			turn = this.turns.tryAcquire(this.waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServletException("Interrupted while waiting for a turn", ex);
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (turn) {
				this.turns.release();
			}
		}
	}

	/** How many requests may work at once. */
	int capacity() {
		return this.capacity;
	}

}
