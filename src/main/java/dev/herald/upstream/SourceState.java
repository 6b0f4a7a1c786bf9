package dev.herald.upstream;

/**
 * What Herald knows of one upstream: its last good JSON and validator, and whether (and why) it is degraded.
 * Thread-safe: polls, subscriptions and the health check read and write it.
 */
public final class SourceState {

    private String lastGoodJson;
    private String etag;
    private Degradation degradation;
    private long degradedSinceMillis;

    public synchronized String lastGoodJson() {
        return lastGoodJson;
    }

    public synchronized String etag() {
        return etag;
    }

    public synchronized Degradation degradation() {
        return degradation;
    }

    /** Records fresh JSON; true when it differs from what subscribers have. */
    synchronized boolean fresh(String json, String newEtag) {
        boolean changed = !json.equals(lastGoodJson);
        lastGoodJson = json;
        etag = newEtag;
        return changed;
    }

    /** Records a degradation; true when subscribers have not been told this reason yet. */
    public synchronized boolean degrade(Degradation why, long nowMillis) {
        boolean news = degradation == null || degradation.type() != why.type();
        if (degradation == null) {
            degradedSinceMillis = nowMillis;
        }
        degradation = why;
        return news;
    }

    /** Clears a degradation; returns how long it lasted, or -1 if the source was not degraded. */
    public synchronized long recover(long nowMillis) {
        if (degradation == null) {
            return -1;
        }
        degradation = null;
        return nowMillis - degradedSinceMillis;
    }
}
