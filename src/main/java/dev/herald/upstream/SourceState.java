package dev.herald.upstream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import dev.herald.problem.ProblemType;
import dev.herald.topic.FeedRecord;

/**
 * What Herald knows of one upstream: its last good JSON and validator, and whether (and why) it is degraded.
 * Thread-safe: polls, subscriptions and the health check read and write it.
 * <p>
 * In a cluster only the node that holds the upstream's lease knows it; the fields below are what it records with its
 * events in the topic's feed record, so that the node that takes over next goes on from there ({@link #takeOver}).
 */
public final class SourceState {

    /** Feed record: the digest of the polled JSON published last (a new feeder does not publish it again). */
    static final String DIGEST = "digest";
    /** Feed record: the degradation subscribers were told of last ({@code upstream-degraded}), and since when. */
    static final String DEGRADED = "degraded";
    static final String DEGRADED_SINCE = "degraded-since";

    private String lastGoodJson;
    private String etag;
    /** Until this node has fetched its own: the digest of the JSON the previous feeder published last. */
    private String publishedDigest;
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

    synchronized long degradedSinceMillis() {
        return degradedSinceMillis;
    }

    /** Whether this JSON differs from what subscribers have. */
    synchronized boolean changed(String json) {
        if (lastGoodJson != null) {
            return !json.equals(lastGoodJson);
        }
        return publishedDigest == null || !publishedDigest.equals(digest(json));
    }

    /** Records fresh JSON, once subscribers have it (or had it already). */
    synchronized void fresh(String json, String newEtag) {
        lastGoodJson = json;
        etag = newEtag;
        publishedDigest = null;
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

    /**
     * This node starts feeding the upstream's topic (it took the lease): it knows what the previous feeder recorded,
     * the digest of the JSON it published last and the degradation it told of, nothing else.
     */
    public synchronized void takeOver(UpstreamSource source, FeedRecord record, long nowMillis) {
        lastGoodJson = null;
        etag = null;
        publishedDigest = record.field(DIGEST).orElse(null);
        degradation = record.field(DEGRADED)
                .flatMap(slug -> Arrays.stream(ProblemType.values()).filter(type -> type.slug().equals(slug))
                        .findFirst())
                .map(type -> new Degradation(type, "Upstream '" + source.name() + "' was degraded when another"
                        + " node of the cluster last fed its topic.", source.intervalMs()))
                .orElse(null);
        degradedSinceMillis = record.field(DEGRADED_SINCE).map(Long::parseLong).orElse(nowMillis);
    }

    /** This node stopped feeding the upstream's topic: what it knew may be out of date by the next time. */
    public synchronized void forget() {
        lastGoodJson = null;
        etag = null;
        publishedDigest = null;
        degradation = null;
    }

    static String digest(String json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
