package dev.herald.wire;

/**
 * What an object graph costs on a 64-bit HotSpot heap with compressed pointers (the default below 32 GiB): 12-byte
 * headers, 4-byte references, every object rounded up to 8 bytes. The budgets count events by this measure, not by
 * their payload: a 20-byte event costs about 15 times its payload once its id, name, wire form and bookkeeping are
 * counted (measured with a heap histogram, see docs/memory.md).
 */
public final class HeapCost {

    /** An {@link SseFrame}: header, five references, a long and an int. */
    static final int FRAME = 48;
    /**
     * What the memory broker's history keeps per event beside its frame: its entry (header, two references, a long
     * and an int), the {@code TopicEvent} (five references), its {@code EventId} (a reference and a long), and its
     * slot in the history's {@code ArrayDeque} (4 bytes, up to twice that while the array is half empty).
     */
    public static final int HISTORY_ENTRY = 32 + 32 + 24 + 8;

    private HeapCost() {
    }

    public static long bytes(byte[] array) {
        return array == null ? 0 : align(16 + array.length);
    }

    /** A {@code String} of Latin-1 text (the compact form: ids, names, keys), or of other text at two bytes a char. */
    public static long string(String text) {
        if (text == null) {
            return 0;
        }
        boolean latin1 = text.chars().allMatch(c -> c < 256);
        return 24 + align(16 + (long) text.length() * (latin1 ? 1 : 2));
    }

    private static long align(long size) {
        return (size + 7) & ~7L;
    }
}
