package dev.herald.problem;

import static dev.herald.json.SharedJson.JSON;

import jakarta.json.JsonObject;

/**
 * An RFC 9457 problem document plus Herald's reconnection hints.
 * {@code retryAfterMs} always equals the {@code retry:} field sent with the error event.
 */
public record Problem(ProblemType type, String detail, long retryAfterMs) {

    public boolean retryable() {
        return type.retryable();
    }

    public JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", type.status())
                .add("detail", detail)
                .add("retryable", type.retryable())
                .add("retryAfterMs", retryAfterMs)
                .build();
    }
}
