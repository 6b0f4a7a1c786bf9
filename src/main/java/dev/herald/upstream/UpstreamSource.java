package dev.herald.upstream;

import java.net.URI;

import dev.herald.topic.TopicName;

/**
 * One configured upstream: an HTTP JSON resource polled every {@code intervalMs}, feeding one topic.
 * {@code required} sources take Herald's readiness down while they cannot be reached.
 */
public record UpstreamSource(String name, URI url, TopicName topic, long intervalMs, String eventName,
                             boolean required) {
}
