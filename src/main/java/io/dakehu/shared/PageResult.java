package io.dakehu.shared;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of a list with its total, as the API and the list pages show it. The total is
 * exact unless {@code totalExact} is false: then at least {@code totalElements} records
 * match, and counting them all was not worth the wait (a broad filter over a very large
 * list).
 */
public record PageResult<T>(List<T> content, int page, int size, long totalElements, boolean totalExact) {

	public PageResult(List<T> content, int page, int size, long totalElements) {
		this(content, page, size, totalElements, true);
	}

	@JsonProperty("totalPages")
	public int totalPages() {
		return (this.size == 0) ? 0 : (int) ((this.totalElements + this.size - 1) / this.size);
	}

	@JsonIgnore
	public boolean hasPrevious() {
		return this.page > 0;
	}

	@JsonIgnore
	public boolean hasNext() {
		return this.totalExact ? this.page + 1 < totalPages() : this.content.size() == this.size;
	}

	public <R> PageResult<R> map(Function<T, R> mapper) {
		return new PageResult<>(this.content.stream().map(mapper).toList(), this.page, this.size, this.totalElements,
				this.totalExact);
	}

}
