package dev.herald.upstream;

/**
 * What a guarded upstream call gave: new JSON with its validator, "not modified", or (from the fallback) the
 * last good JSON, stale, with the reason the fresh call failed.
 */
public record Fetched(String json, String etag, boolean notModified, Degradation staleBecause) {

    static Fetched fresh(String json, String etag) {
        return new Fetched(json, etag, false, null);
    }

    static Fetched notModified(String etag) {
        return new Fetched(null, etag, true, null);
    }

    static Fetched stale(String lastGoodJson, String etag, Degradation reason) {
        return new Fetched(lastGoodJson, etag, false, reason);
    }

    public boolean stale() {
        return staleBecause != null;
    }
}
