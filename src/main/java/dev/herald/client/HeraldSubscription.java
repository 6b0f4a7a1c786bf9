package dev.herald.client;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;

/**
 * A subscription to one Herald topic that keeps itself alive: typed callbacks for events, errors, resets,
 * upstream news and connection states; reconnects with exponential backoff and full jitter, never sooner than
 * Herald's {@code retry:} or {@code retryAfterMs}; stops on a fatal error; resumes with {@code Last-Event-ID};
 * drops duplicate ids.
 * <pre>{@code
 * try (HeraldSubscription prices = HeraldSubscription.to(URI.create("http://localhost:8080/api/topics/prices"))
 *         .onEvent(event -> System.out.println(event.name() + " " + event.data()))
 *         .onError(problem -> System.err.println(problem.title() + ": " + problem.detail()))
 *         .open()) {
 *     ...
 * }
 * }</pre>
 * Callbacks run one at a time, in order, on the subscription's own thread. Closing releases that thread, the
 * connection and (unless one was given) the JAX-RS client.
 */
public final class HeraldSubscription implements AutoCloseable {

    private static final int REMEMBERED_IDS = 1024;

    private final Builder config;
    private final Client client;
    private final boolean ownClient;
    private final Backoff backoff;
    private final ScheduledExecutorService loop;
    private final RecentIds recentIds = new RecentIds(REMEMBERED_IDS);
    private volatile Thread loopThread;
    private volatile String lastEventId;
    private volatile boolean closed;
    private volatile long duplicatesDropped; // written by the loop thread only

    // Confined to the loop thread.
    private SseEventSource current;
    private ConnectionState state;
    private int failedAttempts;
    private long retryHintMs;

    private HeraldSubscription(Builder config) {
        this.config = config;
        this.ownClient = config.client == null;
        this.client = ownClient ? ClientBuilder.newBuilder()
                .connectTimeout(config.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.idleTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build() : config.client;
        this.backoff = new Backoff(config.initialBackoff.toMillis(), config.maxBackoff.toMillis());
        this.lastEventId = config.lastEventId;
        this.loop = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "herald-subscription " + config.topic);
            thread.setDaemon(true);
            loopThread = thread;
            return thread;
        });
    }

    /** Starts a subscription to a topic's URL, e.g. {@code http://host:8080/api/topics/prices}. */
    public static Builder to(URI topic) {
        return new Builder(topic);
    }

    /** The id of the last event received: where a new subscription would resume. */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * Events received a second time (the same id, e.g. replayed after a reconnect) and not handed over again. Herald
     * itself never sends one twice; a non-zero count points at a proxy or server that did.
     */
    public long duplicatesDropped() {
        return duplicatesDropped;
    }

    /** Stops for good: no more callbacks after the {@code CLOSED} state; thread and connection released. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() == loopThread) {
            stop();
        } else {
            try {
                loop.submit(this::stop).get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
                // stopped already, or stuck in a connect: the shutdown below ends it
            }
        }
        loop.shutdownNow();
        if (ownClient) {
            client.close();
        }
    }

    private void start() {
        loop.execute(() -> {
            setState(ConnectionState.CONNECTING);
            connect();
        });
    }

    private void connect() {
        if (closed) {
            return;
        }
        String token;
        try {
            token = config.tokens.get(); // before each connection: a fresh token replaces one that expired
        } catch (RuntimeException supplierFailed) {
            reconnect(retryHintMs); // no token now (its issuer may be down): try again after the backoff
            return;
        }
        AtomicReference<SseEventSource> built = new AtomicReference<>(); // for the filter, which comes first
        SseEventSource source = SseEventSource.target(client.target(config.topic)
                        .register(new RequestHeaders(() -> lastEventId, token))
                        .register(new FirstRequestOnly(() -> loop.execute(() -> endedAndWaited(built.get())))))
                .build();
        built.set(source);
        current = source;
        source.register(
                event -> loop.execute(() -> received(source, event)),
                failure -> loop.execute(() -> ended(source)),
                () -> loop.execute(() -> ended(source)));
        try {
            source.open();
        } catch (RuntimeException e) {
            ended(source); // implementations report most failures to onError; whatever they throw is the same
        }
    }

    private void received(SseEventSource source, InboundSseEvent event) {
        if (source != current || closed) {
            return;
        }
        if (event.getReconnectDelay() > 0) {
            retryHintMs = event.getReconnectDelay();
        }
        if (event.getName() == null && event.isEmpty()) {
            return; // a heartbeat comment or a bare retry: line
        }
        String name = event.getName() == null ? "message" : event.getName();
        String id = event.getId() == null || event.getId().isEmpty() ? null : event.getId();
        if ("error".equals(name)) {
            failed(HeraldProblem.of(json(event).asJsonObject()));
            return;
        }
        if (id != null && !recentIds.firstTime(id)) {
            duplicatesDropped++; // delivered before the reconnect already
            return;
        }
        if (id != null) {
            lastEventId = id;
        }
        JsonValue data = json(event);
        switch (name) {
            case "subscribed" -> {
                failedAttempts = 0;
                setState(ConnectionState.OPEN);
            }
            case "reset" -> config.onReset.accept(data.asJsonObject());
            case "upstream-degraded" -> config.onUpstreamDegraded.accept(HeraldProblem.of(data.asJsonObject()));
            case "upstream-recovered" -> config.onUpstreamRecovered.accept(data.asJsonObject());
            default -> config.onEvent.accept(new HeraldEvent(id, name, data));
        }
    }

    /** Herald's typed error: it closes the stream after it. */
    private void failed(HeraldProblem problem) {
        closeCurrent();
        config.onError.accept(problem);
        if (closed) {
            return;
        }
        if (!problem.retryable()) {
            closed = true;
            setState(ConnectionState.CLOSED);
            loop.shutdown();
            if (ownClient) {
                client.close();
            }
            return;
        }
        reconnect(problem.retryAfterMs().orElse(retryHintMs));
    }

    /** The stream broke or ended without a word from Herald. */
    private void ended(SseEventSource source) {
        if (source != current || closed) {
            return;
        }
        closeCurrent();
        reconnect(retryHintMs);
    }

    /**
     * The stream ended cleanly and the implementation, after waiting {@code retry:} by itself, tried to reconnect
     * (see {@link FirstRequestOnly}): only the jitter is left to wait.
     */
    private void endedAndWaited(SseEventSource source) {
        if (source != current || closed) {
            return;
        }
        closeCurrent();
        reconnect(0);
    }

    private void reconnect(long serverHintMs) {
        setState(ConnectionState.RECONNECTING);
        long delay = backoff.delayMs(failedAttempts++, serverHintMs);
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void stop() {
        closeCurrent();
        setState(ConnectionState.CLOSED);
    }

    private void closeCurrent() {
        if (current != null) {
            current.close(1, TimeUnit.SECONDS);
            current = null;
        }
    }

    private void setState(ConnectionState next) {
        if (state != next) {
            state = next;
            config.onState.accept(next);
        }
    }

    private static JsonValue json(InboundSseEvent event) {
        String data = event.readData();
        try (JsonReader reader = Json.createReader(new StringReader(data))) {
            return reader.readValue();
        } catch (JsonException e) {
            return Json.createValue(data); // not Herald's JSON: handed over as a string rather than lost
        }
    }

    /** How to subscribe; {@link #open()} starts. Every callback is optional. */
    public static final class Builder {

        private final URI topic;
        private Client client;
        private Supplier<String> tokens = () -> null;
        private String lastEventId;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Consumer<HeraldEvent> onEvent = ignored -> { };
        private Consumer<HeraldProblem> onError = ignored -> { };
        private Consumer<JsonObject> onReset = ignored -> { };
        private Consumer<HeraldProblem> onUpstreamDegraded = ignored -> { };
        private Consumer<JsonObject> onUpstreamRecovered = ignored -> { };
        private Consumer<ConnectionState> onState = ignored -> { };

        private Builder(URI topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
        }

        /** A JAX-RS client of the application's; the subscription then leaves closing it to the application. */
        public Builder client(Client sharedClient) {
            this.client = sharedClient;
            return this;
        }

        /** Sent as {@code Authorization: Bearer <token>} on every connection. */
        public Builder bearerToken(String bearerToken) {
            this.tokens = () -> bearerToken;
            return this;
        }

        /**
         * Asked for a token before every connection, the first and each reconnect, on the subscription's thread;
         * sent as {@code Authorization: Bearer <token>} (null: none). Herald ends a stream when its token expires
         * (a retryable {@code token-expired} error): the reconnect then asks for a fresh token here and resumes
         * after the last event received, so nothing is lost. A supplier that throws counts as a failed attempt.
         */
        public Builder bearerToken(Supplier<String> supplier) {
            this.tokens = Objects.requireNonNull(supplier);
            return this;
        }

        /** Resume after this id (e.g. one kept from an earlier run) instead of starting live. */
        public Builder lastEventId(String id) {
            this.lastEventId = id;
            return this;
        }

        /** Backoff after failures: full jitter below {@code initial * 2^attempt}, capped at {@code max}. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * For the client the subscription makes itself: how long a connection may take, and how long a stream may
         * stay silent before it is taken for dead (Herald writes to an idle stream at least every 5 s by default).
         */
        public Builder timeouts(Duration connect, Duration idle) {
            this.connectTimeout = connect;
            this.idleTimeout = idle;
            return this;
        }

        public Builder onEvent(Consumer<HeraldEvent> handler) {
            this.onEvent = Objects.requireNonNull(handler);
            return this;
        }

        /** Herald's typed errors; after a fatal one ({@code retryable} false) the subscription is closed. */
        public Builder onError(Consumer<HeraldProblem> handler) {
            this.onError = Objects.requireNonNull(handler);
            return this;
        }

        /** Herald could not replay what was missed: reload the state the events build on. */
        public Builder onReset(Consumer<JsonObject> handler) {
            this.onReset = Objects.requireNonNull(handler);
            return this;
        }

        public Builder onUpstreamDegraded(Consumer<HeraldProblem> handler) {
            this.onUpstreamDegraded = Objects.requireNonNull(handler);
            return this;
        }

        public Builder onUpstreamRecovered(Consumer<JsonObject> handler) {
            this.onUpstreamRecovered = Objects.requireNonNull(handler);
            return this;
        }

        public Builder onStateChange(Consumer<ConnectionState> handler) {
            this.onState = Objects.requireNonNull(handler);
            return this;
        }

        public HeraldSubscription open() {
            HeraldSubscription subscription = new HeraldSubscription(this);
            subscription.start();
            return subscription;
        }
    }
}
