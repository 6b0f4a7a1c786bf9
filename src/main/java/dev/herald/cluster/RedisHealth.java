package dev.herald.cluster;

/**
 * What this node knows of Redis now, from its own calls and its reader loops: down from a call that found no answer
 * (a timeout, a broken connection) until Redis answers again (a reader's ping or read, or another call). While it is
 * down, calls are refused at once ({@code broker-unavailable}) instead of each waiting out its timeout, and readiness
 * says so without asking Redis; the reader loops keep trying about every second, so it is known up again within
 * about a second of Redis answering.
 */
public final class RedisHealth {

    /** Since when Redis is known down (System.nanoTime), or -1. */
    private volatile long downSince = -1;

    public void noAnswer() {
        if (downSince < 0) {
            downSince = System.nanoTime();
        }
    }

    public void answered() {
        if (downSince >= 0) {
            downSince = -1;
        }
    }

    public boolean down() {
        return downSince >= 0;
    }
}
