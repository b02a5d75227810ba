package io.dakehu.shared;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of a list with its exact total, as the API and the list pages show it.
 */
public record PageResult<T>(List<T> content, int page, int size, long totalElements) {

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
		return this.page + 1 < totalPages();
	}

	public <R> PageResult<R> map(Function<T, R> mapper) {
		return new PageResult<>(this.content.stream().map(mapper).toList(), this.page, this.size, this.totalElements);
	}

}
