package dev.herald.upstream;

import java.util.Optional;

import dev.herald.topic.EventId;

/**
 * Where a new subscriber of a topic fed by a relayed SSE stream starts. Implemented by the relays
 * ({@code upstream.relay}), which build on this package: the interface keeps the dependency one way.
 */
public interface RelayOpenings {

    Optional<EventId> openingPoint(UpstreamSource source);
}
