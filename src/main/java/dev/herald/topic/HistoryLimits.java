package dev.herald.topic;

/**
 * Bounds of a topic's history ({@code herald.history.*}): a count of 0 keeps no history (every resume is a gap);
 * {@code totalBytes} bounds the history of all topics together on this node's heap.
 */
public record HistoryLimits(int maxEvents, long maxAgeMillis, long maxBytes, long totalBytes) {
}
