package dev.herald.upstream.relay;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;

import dev.herald.problem.ProblemType;
import dev.herald.threads.Scheduler;
import dev.herald.topic.EventId;
import dev.herald.topic.Topic;
import dev.herald.upstream.Degradation;
import dev.herald.upstream.SourceState;
import dev.herald.upstream.UpstreamEvents;
import dev.herald.upstream.UpstreamException;
import dev.herald.upstream.UpstreamSource;

/**
 * Relays one upstream SSE stream to its topic. Opens it through the guarded {@link RelayConnector}, republishes
 * each event, and when the stream ends opens it again after the source's interval, resuming after the last
 * upstream id. What happens to the upstream reaches subscribers as {@code upstream-degraded} (once per reason)
 * and {@code upstream-recovered}; their streams stay open throughout.
 * <p>
 * Jersey's and RESTEasy's {@code SseEventSource} reconnect by themselves only after a clean end of stream and
 * give up on a network error, so the relay runs its own reconnect loop on top.
 */
final class Relay implements RelayListener {

    private static final Logger LOG = Logger.getLogger(Relay.class.getName());

    private final UpstreamSource source;
    private final Topic topic;
    private final SourceState state;
    private final RelayConnector connector;
    private final Scheduler scheduler;

    /** The stream being opened or open: its events are relayed. */
    private volatile SseEventSource attached;
    /** The stream known to be open: its end starts the next connect. */
    private volatile SseEventSource current;
    private volatile String lastUpstreamId;
    private volatile String lastRelayedName;
    private volatile boolean stopped;

    Relay(UpstreamSource source, Topic topic, SourceState state, RelayConnector connector, Scheduler scheduler) {
        this.source = source;
        this.topic = topic;
        this.state = state;
        this.connector = connector;
        this.scheduler = scheduler;
    }

    void start() {
        scheduler.after(0, "Relaying upstream " + source.name(), this::connect);
    }

    void stop() {
        stopped = true;
        close(attached);
    }

    /**
     * Where a new subscriber starts: just before the latest relayed event, as for a snapshot. Empty when nothing
     * was relayed yet; throws (an error event for the client) when nothing was and the upstream is degraded.
     */
    Optional<EventId> openingPoint() {
        String name = lastRelayedName;
        if (name == null) {
            Degradation degradation = state.degradation();
            if (degradation != null) {
                throw degradation.toException();
            }
            return Optional.empty();
        }
        return topic.latest(name).map(id -> new EventId(id.epoch(), id.sequence() - 1));
    }

    private void connect() {
        if (stopped) {
            return;
        }
        RelayConnection connection;
        try {
            connection = connector.connect(source, this);
        } catch (RuntimeException e) {
            // What the fallback does not handle: "not found", which is not retried either.
            connection = new RelayConnection.Down(Degradation.of(e, source, connector.circuitDelayMs()));
        } finally {
            // An interrupt meant for a timed-out attempt must not be left for the next task of this pooled thread.
            Thread.interrupted();
        }
        if (connection instanceof RelayConnection.Down down) {
            degrade(down.why());
            reconnectAfter(down.why().retryAfterMs() > 0 ? down.why().retryAfterMs() : source.intervalMs());
        } else {
            SseEventSource events = ((RelayConnection.Open) connection).events();
            current = events;
            recover();
            if (!events.isOpen()) {
                onEnd(events, null); // it ended before it became current
            }
        }
    }

    private void reconnectAfter(long delayMs) {
        if (!stopped) {
            scheduler.after(delayMs, "Relaying upstream " + source.name(), this::connect);
        }
    }

    @Override
    public Optional<String> lastUpstreamId() {
        return Optional.ofNullable(lastUpstreamId);
    }

    @Override
    public void attach(SseEventSource events) {
        attached = events;
    }

    @Override
    public void onEvent(SseEventSource events, InboundSseEvent event) {
        if (events != attached || stopped) {
            return;
        }
        if (event.getName() == null && event.isEmpty()) {
            return; // a comment or a retry: line only, which SseEventSource may hand over as an empty event
        }
        RelayedEvent relayed;
        try {
            relayed = RelayedEvent.of(source, event.getName(), event.getId(), event.readData());
        } catch (UpstreamException e) {
            LOG.warning(e::getMessage);
            if (event.getId() != null && !event.getId().isEmpty()) {
                lastUpstreamId = event.getId(); // skipped for good: do not ask for it again
            }
            degrade(new Degradation(ProblemType.UPSTREAM_MALFORMED, e.getMessage(), source.intervalMs()));
            return;
        }
        synchronized (this) { // recovered before the event, also when the connect thread recovers meanwhile
            recover();
            topic.publish(relayed.name(), relayed.json());
        }
        lastRelayedName = relayed.name();
        if (relayed.upstreamId() != null) {
            lastUpstreamId = relayed.upstreamId();
        }
    }

    @Override
    public void onEnd(SseEventSource events, Throwable failure) {
        if (events != current || stopped) {
            return;
        }
        current = null;
        LOG.log(Level.INFO, "Upstream " + source.name() + " stream ended; resuming after "
                + lastUpstreamId + " in " + source.intervalMs() + " ms", failure);
        // Closed from another thread: this callback runs on the stream's own.
        scheduler.after(0, "Closing upstream stream " + source.name(), () -> close(events));
        reconnectAfter(source.intervalMs());
    }

    private synchronized void degrade(Degradation why) {
        UpstreamEvents.tellDegraded(source, state, topic, why);
    }

    private synchronized void recover() {
        UpstreamEvents.tellRecovered(source, state, topic);
    }

    private static void close(SseEventSource events) {
        if (events != null) {
            events.close(1, TimeUnit.SECONDS);
        }
    }
}
