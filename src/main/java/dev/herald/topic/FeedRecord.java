package dev.herald.topic;

import java.util.Map;
import java.util.Optional;

/**
 * What the broker holds of a topic's feeder (its upstream, run by one node of the cluster at a time): the id of the
 * topic's latest snapshot event, and the fields the feeder recorded with its events (e.g. the upstream's last event
 * id), so that the node that takes the feed over goes on where the last one stopped. Empty when the broker has none.
 */
public record FeedRecord(EventId latestSnapshot, Map<String, String> fields) {

    public static final FeedRecord NONE = new FeedRecord(null, Map.of());

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
