package dev.herald.topic;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * One client's stream: the container's sink, guarded so that every implementation treats a failed write alike.
 * <p>
 * Jersey reports a failed write as a <em>completed</em> stage holding the {@code IOException}; RESTEasy as a
 * failed stage; either may throw on a closed sink. Whatever happened, this subscriber leaves its topic at once
 * and throws {@link IllegalStateException} on the next send, which makes both Jersey's and RESTEasy's
 * {@code SseBroadcaster} drop it too (a dead client found at the first failed write, not never).
 * Writes are serialized: the broadcaster, heartbeats and shutdown may send from different threads.
 */
public final class Subscriber implements SseEventSink {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());

    private final Topic topic;
    private final SseEventSink sink;
    private boolean closed;

    Subscriber(Topic topic, SseEventSink sink) {
        this.topic = topic;
        this.sink = sink;
    }

    @Override
    public synchronized CompletionStage<?> send(OutboundSseEvent event) {
        if (isClosed()) {
            leave();
            throw new IllegalStateException("The subscriber of " + topic.name() + " has gone");
        }
        CompletionStage<?> written;
        try {
            written = sink.send(event);
        } catch (RuntimeException e) {
            leave();
            throw new IllegalStateException("The subscriber of " + topic.name() + " has gone", e);
        }
        CompletableFuture<?> result = written.toCompletableFuture();
        if (result.isDone() && failed(result)) {
            leave();
            throw new IllegalStateException("Writing to the subscriber of " + topic.name() + " failed");
        }
        written.whenComplete((value, failure) -> {
            if (failure != null || value instanceof Throwable) {
                leave();
            }
        });
        return written;
    }

    private static boolean failed(CompletableFuture<?> written) {
        return written.isCompletedExceptionally() || written.getNow(null) instanceof Throwable;
    }

    @Override
    public synchronized boolean isClosed() {
        return closed || sink.isClosed();
    }

    @Override
    public void close() {
        leave();
    }

    /** Idempotent: closes the underlying sink, releasing the request, and forgets this subscriber. */
    private synchronized void leave() {
        if (!closed) {
            closed = true;
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Closing a gone subscriber's sink failed", e);
            }
            topic.detach(this);
        }
    }
}
