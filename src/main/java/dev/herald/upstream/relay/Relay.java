package dev.herald.upstream.relay;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;

import dev.herald.problem.ProblemType;
import dev.herald.threads.Scheduler;
import dev.herald.topic.EventId;
import dev.herald.topic.FeedLostException;
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
 * In a cluster it runs on the node that holds the upstream's lease, and the last upstream id is stored with each
 * event in the broker: the node that takes the lease over next resumes the upstream after it.
 * <p>
 * Jersey's and RESTEasy's {@code SseEventSource} reconnect by themselves only after a clean end of stream and
 * give up on a network error, so the relay runs its own reconnect loop on top.
 */
final class Relay implements RelayListener {

    private static final Logger LOG = Logger.getLogger(Relay.class.getName());

    /** The feed record's field holding the last upstream id published, where the next feeder resumes. */
    static final String UPSTREAM_ID = "upstream-id";

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
    private volatile boolean stopped;

    /** Told when a publish was refused because another node holds the upstream's lease. */
    private final Runnable lost;

    /** A relay that resumes the upstream after {@code lastUpstreamId} (null: from its next event). */
    Relay(UpstreamSource source, Topic topic, SourceState state, RelayConnector connector, Scheduler scheduler,
          String lastUpstreamId, Runnable lost) {
        this.source = source;
        this.topic = topic;
        this.state = state;
        this.connector = connector;
        this.scheduler = scheduler;
        this.lastUpstreamId = lastUpstreamId;
        this.lost = lost;
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
        Optional<EventId> latest = topic.latestSnapshot();
        if (latest.isEmpty()) {
            Degradation degradation = state.degradation();
            if (degradation != null) {
                throw degradation.toException();
            }
        }
        return latest.map(EventId::before);
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
            told(this::recover);
            if (!events.isOpen() || attached != events) {
                onEnd(events, null); // it ended, or an event of it could not be stored, before it became current
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
        try {
            synchronized (this) { // recovered before the event, also when the connect thread recovers meanwhile
                recover();
                topic.publishFed(relayed.name(), relayed.json(), true, relayed.upstreamId() == null ? Map.of()
                        : Map.of(UPSTREAM_ID, relayed.upstreamId()));
            }
        } catch (FeedLostException e) {
            halt(e);
            return;
        } catch (RuntimeException e) {
            // Not stored (e.g. the broker cannot be reached): the stream is reopened after the last event stored, so
            // that this one is relayed again rather than lost.
            LOG.warning(() -> "Upstream " + source.name() + " event " + relayed.upstreamId() + " was not stored: " + e);
            attached = null;
            onEnd(events, e);
            return;
        }
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

    private void degrade(Degradation why) {
        told(() -> UpstreamEvents.tellDegraded(source, state, topic, why));
    }

    /** Tells subscribers; a failure to publish is logged, and the relay goes on (a refused one stops it). */
    private synchronized void told(Runnable telling) {
        try {
            telling.run();
        } catch (FeedLostException e) {
            halt(e);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Subscribers of upstream " + source.name() + " could not be told: " + e);
        }
    }

    private synchronized void recover() {
        UpstreamEvents.tellRecovered(source, state, topic);
    }

    /** Another node holds the upstream's lease: nothing more from here; the lease stops this relay. */
    private void halt(FeedLostException why) {
        LOG.info(why::getMessage);
        stopped = true;
        scheduler.after(0, "Stopping the relay of upstream " + source.name(), lost); // off the stream's own thread
    }

    private static void close(SseEventSource events) {
        if (events != null) {
            events.close(1, TimeUnit.SECONDS);
        }
    }
}
