package dev.herald.upstream;

import java.net.URI;

import dev.herald.topic.TopicName;

/**
 * One configured upstream feeding one topic: an HTTP JSON resource polled every {@code intervalMs}, or an SSE
 * stream relayed as it comes (reconnecting {@code intervalMs} after a break). {@code required} sources take
 * Herald's readiness down while they cannot be reached.
 */
public record UpstreamSource(String name, Kind kind, URI url, TopicName topic, long intervalMs, String eventName,
                             boolean required) {

    /** How Herald reads the upstream. */
    public enum Kind {
        /** GET a JSON document every interval; publish it when it changed. */
        POLL,
        /** Subscribe to an SSE stream with {@code SseEventSource}; republish each of its events. */
        SSE
    }
}
