package dev.herald.stream;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.herald.delivery.ClientConnection;
import dev.herald.delivery.Subscriber;
import dev.herald.server.PayaraHttp2Stream;
import dev.herald.server.ServletConnections;
import dev.herald.server.StreamResets;
import dev.herald.threads.Scheduler;

/**
 * Streams over HTTP/2 on Payara that their client resets ({@code RST_STREAM}, which a browser sends when a page closes
 * an {@code EventSource} and keeps the connection): Payara tells nobody (see {@link PayaraHttp2Stream}), so every
 * {@value #POLL_MILLIS} ms each such stream is asked, and a reset one's subscriber is closed, which gives back its
 * slot and its client's stream quota. Each reset is counted on its connection (those of other requests too, by
 * {@link ServletConnections}, when the client has reset them before they end); past {@code herald.http2.max-resets}
 * within {@code herald.http2.reset-window-ms} the connection is ended with {@code GOAWAY} (rapid reset,
 * CVE-2023-44487: Payara's Grizzly has no such bound). Open Liberty needs none of this: it ends a reset stream's
 * request at once and bounds resets itself ({@code <httpOptions maxResetFrames resetFramesWindow>}).
 */
@ApplicationScoped
public class Http2Resets implements StreamResets {

    private static final Logger LOG = Logger.getLogger(Http2Resets.class.getName());
    static final long POLL_MILLIS = 200;

    private final Queue<Watched> watched = new ConcurrentLinkedQueue<>();

    @Inject
    Scheduler scheduler;

    @Inject
    StreamSettings settings;

    private ResetBudget budget;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        budget = new ResetBudget(settings.maxResets(), settings.resetWindowMs());
        scheduler.every(POLL_MILLIS, "HTTP/2 resets", this::poll);
    }

    /**
     * Watches {@code subscriber}'s stream when it is a Payara HTTP/2 stream; does nothing elsewhere. A stream reset
     * before it subscribed (a rapid-reset flood resets each stream right after opening it) is closed and counted at
     * once.
     */
    public void watch(ClientConnection connection, Subscriber subscriber) {
        if (connection instanceof PayaraHttp2Stream stream) {
            if (stream.reset()) {
                subscriber.close();
                count(stream);
            } else {
                watched.add(new Watched(stream, subscriber));
            }
        }
    }

    /**
     * At the end of a request's filter chain, for a request that is over (not an open stream, which {@link #watch}
     * counts): counts its stream's reset if the client has reset it by then (on Payara; elsewhere, or over HTTP/1.1,
     * {@code connection} is not an HTTP/2 stream and nothing happens).
     */
    @Override
    public void countIfReset(ClientConnection connection) {
        if (connection instanceof PayaraHttp2Stream stream && stream.reset()) {
            count(stream);
        }
    }

    private void count(PayaraHttp2Stream stream) {
        if (budget.exceeded(stream.connection(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime()))) {
            LOG.log(Level.FINE, "An HTTP/2 connection reset more than {0} streams in {1} ms: GOAWAY",
                    new Object[] {settings.maxResets(), settings.resetWindowMs()});
            stream.goAway();
        }
    }

    private void poll() {
        long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        for (Iterator<Watched> each = watched.iterator(); each.hasNext(); ) {
            Watched next = each.next();
            if (next.subscriber.isClosed()) {
                each.remove();
            } else if (next.stream.reset()) {
                each.remove();
                next.subscriber.close();
                count(next.stream);
            }
        }
        budget.forgetOlderThan(now);
    }

    private record Watched(PayaraHttp2Stream stream, Subscriber subscriber) {
    }
}
