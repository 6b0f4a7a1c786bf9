package dev.herald.upstream;

import static dev.herald.json.SharedJson.JSON;

import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.herald.problem.Problem;
import dev.herald.topic.Topic;

/**
 * The events an upstream-fed topic carries besides the upstream's own data, and when they are told. In a cluster they
 * are published as the upstream's data are, by the node that holds its lease, and reach every node through the
 * broker, once, with ids; the degradation is recorded with them, for the node that takes over next.
 */
public final class UpstreamEvents {

    public static final String DEGRADED = "upstream-degraded";
    public static final String RECOVERED = "upstream-recovered";

    private static final Logger LOG = Logger.getLogger(UpstreamEvents.class.getName());

    private UpstreamEvents() {
    }

    /** {@code {"source","fetchedAt","data"}}: the upstream's JSON as it was fetched. */
    static String snapshot(UpstreamSource source, String json, Instant fetchedAt) {
        try (var reader = JSON.createReader(new java.io.StringReader(json))) {
            return JSON.createObjectBuilder()
                    .add("source", source.name())
                    .add("fetchedAt", fetchedAt.toString())
                    .add("data", reader.readValue())
                    .build().toString();
        }
    }

    /**
     * Problem-details shaped: which source, why, whether it will come back and when the next try is; and that
     * the last snapshot subscribers have is now stale (the stream itself stays open).
     */
    static String degraded(UpstreamSource source, Degradation why) {
        JsonObjectBuilder json = JSON.createObjectBuilder(
                new Problem(why.type(), why.detail(), why.retryAfterMs()).toJson());
        return json.add("source", source.name()).add("stale", true).build().toString();
    }

    /** Records a degradation and, the first time for this reason, tells the topic's subscribers. */
    public static void tellDegraded(UpstreamSource source, SourceState state, Topic topic, Degradation why) {
        if (state.degrade(why, System.currentTimeMillis())) {
            LOG.warning(() -> "Upstream " + source.name() + " degraded: " + why.type().slug());
            topic.publishFed(DEGRADED, degraded(source, why), false, Map.of(SourceState.DEGRADED, why.type().slug(),
                    SourceState.DEGRADED_SINCE, Long.toString(state.degradedSinceMillis())));
        }
    }

    /** Clears a degradation, if any, and tells the topic's subscribers how long it lasted. */
    public static void tellRecovered(UpstreamSource source, SourceState state, Topic topic) {
        long degradedFor = state.recover(System.currentTimeMillis());
        if (degradedFor >= 0) {
            LOG.info(() -> "Upstream " + source.name() + " recovered after " + degradedFor + " ms");
            topic.publishFed(RECOVERED, recovered(source, degradedFor), false,
                    Map.of(SourceState.DEGRADED, "", SourceState.DEGRADED_SINCE, ""));
        }
    }

    static String recovered(UpstreamSource source, long degradedForMs) {
        JsonObject json = JSON.createObjectBuilder()
                .add("source", source.name())
                .add("degradedForMs", degradedForMs)
                .add("detail", "Upstream '" + source.name() + "' answers again; fresh data follows.")
                .build();
        return json.toString();
    }
}
