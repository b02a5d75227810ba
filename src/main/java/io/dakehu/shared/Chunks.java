package io.dakehu.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers items streamed one at a time into chunks of a fixed size and hands each full
 * chunk on, so a stream of rows can be completed a chunk at a time (for example with one
 * lookup of the names its ids refer to) without holding the whole stream.
 * {@link #finish()} hands on the last, partly filled chunk.
 */
public final class Chunks<T> implements Consumer<T> {

	private final int size;

	private final Consumer<List<T>> handler;

	private final List<T> chunk;

	public Chunks(int size, Consumer<List<T>> handler) {
		this.size = size;
		this.handler = handler;
		this.chunk = new ArrayList<>(size);
	}

	@Override
	public void accept(T item) {
		this.chunk.add(item);
		if (this.chunk.size() == this.size) {
			flush();
		}
	}

	public void finish() {
		if (!this.chunk.isEmpty()) {
			flush();
		}
	}

	private void flush() {
		this.handler.accept(this.chunk);
		this.chunk.clear();
	}

}
