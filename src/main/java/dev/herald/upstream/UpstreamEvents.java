package dev.herald.upstream;

import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.herald.problem.Problem;

/** The JSON of the events an upstream-fed topic carries besides the snapshots themselves. */
public final class UpstreamEvents {

    public static final String DEGRADED = "upstream-degraded";
    public static final String RECOVERED = "upstream-recovered";

    private UpstreamEvents() {
    }

    /** {@code {"source","fetchedAt","data"}}: the upstream's JSON as it was fetched. */
    static String snapshot(UpstreamSource source, String json, Instant fetchedAt) {
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return Json.createObjectBuilder()
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
    public static String degraded(UpstreamSource source, Degradation why) {
        JsonObjectBuilder json = Json.createObjectBuilder(
                new Problem(why.type(), why.detail(), why.retryAfterMs()).toJson());
        return json.add("source", source.name()).add("stale", true).build().toString();
    }

    public static String recovered(UpstreamSource source, long degradedForMs) {
        JsonObject json = Json.createObjectBuilder()
                .add("source", source.name())
                .add("degradedForMs", degradedForMs)
                .add("detail", "Upstream '" + source.name() + "' answers again; fresh data follows.")
                .build();
        return json.toString();
    }
}
