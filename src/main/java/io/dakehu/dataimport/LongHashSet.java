package io.dakehu.dataimport;

/**
 * A set of 64-bit keys in one array: eight bytes per entry, so checking a million row
 * keys for duplicates costs about 16 MB instead of the hundred-odd a set of strings
 * would. Keys are hashes of row keys; two different keys sharing a 64-bit hash is too
 * unlikely to matter for files of any real size.
 */
final class LongHashSet {

	private static final long EMPTY = 0L;

	private long[] slots = new long[1024];

	private int size;

	private boolean containsEmpty;

	/**
	 * Adds the key.
	 * @return false when it was already there
	 */
	boolean add(long key) {
		if (key == EMPTY) {
			boolean added = !this.containsEmpty;
			this.containsEmpty = true;
			return added;
		}
		if ((this.size + 1) * 2 > this.slots.length) {
			grow();
		}
		int mask = this.slots.length - 1;
		int i = (int) mix(key) & mask;
		while (this.slots[i] != EMPTY) {
			if (this.slots[i] == key) {
				return false;
			}
			i = (i + 1) & mask;
		}
		this.slots[i] = key;
		this.size++;
		return true;
	}

	private void grow() {
		long[] old = this.slots;
		this.slots = new long[old.length * 2];
		this.size = 0;
		for (long key : old) {
			if (key != EMPTY) {
				add(key);
			}
		}
	}

	private static long mix(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return h ^ (h >>> 32);
	}

	/**
	 * A 64-bit hash of a text (FNV-1a), for use as a key.
	 */
	static long hash(String text) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < text.length(); i++) {
			hash ^= text.charAt(i);
			hash *= 0x100000001b3L;
		}
		return hash;
	}

}
