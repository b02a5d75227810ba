package io.dakehu.shared;

/**
 * A requested page, clamped to sane bounds so no caller can ask for a million rows at
 * once.
 */
public record PageRequest(int page, int size) {

	public static final int MAX_SIZE = 200;

	public PageRequest {
		page = Math.max(0, page);
		size = (size <= 0) ? 20 : Math.min(size, MAX_SIZE);
	}

	public long offset() {
		return (long) this.page * this.size;
	}

}
