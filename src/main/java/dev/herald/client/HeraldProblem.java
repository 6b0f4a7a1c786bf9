package dev.herald.client;

import java.util.OptionalLong;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/**
 * A problem-details document (RFC 9457) as Herald sends it in {@code error} and {@code upstream-degraded}
 * events: what went wrong, and whether and when to try again.
 *
 * @param retryAfterMs when Herald suggests the next try, if it said
 * @param source the upstream concerned, for {@code upstream-degraded}; null otherwise
 */
public record HeraldProblem(String type, String title, int status, String detail, boolean retryable,
                            OptionalLong retryAfterMs, String source, JsonObject json) {

    static HeraldProblem of(JsonObject json) {
        JsonNumber retryAfter = json.get("retryAfterMs") instanceof JsonNumber number ? number : null;
        return new HeraldProblem(
                json.getString("type", "about:blank"),
                json.getString("title", ""),
                json.getInt("status", 0),
                json.getString("detail", ""),
                json.getBoolean("retryable", false),
                retryAfter == null ? OptionalLong.empty() : OptionalLong.of(retryAfter.longValue()),
                json.getString("source", null),
                json);
    }

    /** The last part of the type, e.g. {@code slow-consumer} for {@code urn:herald:problem:slow-consumer}. */
    public String slug() {
        return type.substring(type.lastIndexOf(':') + 1);
    }
}
