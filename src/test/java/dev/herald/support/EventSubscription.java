package dev.herald.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;

/** A subscriber on the JAX-RS {@link SseEventSource}, collecting what it receives. */
public final class EventSubscription implements AutoCloseable {

    /** What a test needs of an event, read once (an inbound event's data can be read only once). */
    public record Received(String id, String name, String data, long reconnectDelay) {

        public JsonObject json() {
            return HeraldClient.json(data);
        }
    }

    private final Client client = ClientBuilder.newClient();
    private final SseEventSource source;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();

    private EventSubscription(URI topic) {
        source = SseEventSource.target(client.target(topic)).build();
        source.register(this::onEvent, failures::add);
        source.open();
    }

    /** Connects without waiting for anything: for streams that are expected to fail. */
    public static EventSubscription connect(URI topic) {
        return new EventSubscription(topic);
    }

    /** Subscribes and waits until the stream is open (its {@code subscribed} event arrived). */
    public static EventSubscription open(URI topic) {
        EventSubscription subscription = connect(topic);
        subscription.awaitCount("subscribed", 1, Duration.ofSeconds(20));
        return subscription;
    }

    private void onEvent(InboundSseEvent event) {
        if (event.getName() == null && event.getId() == null && event.getComment() != null) {
            comments.incrementAndGet(); // a heartbeat: Jersey's client hands comments over as events
            return;
        }
        received.add(new Received(event.getId(), event.getName(), event.readData(), event.getReconnectDelay()));
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    public List<Received> named(String name) {
        return received.stream().filter(event -> name.equals(event.name())).toList();
    }

    public List<Received> awaitCount(String name, int count, Duration bound) {
        Waits.atMost(bound).until(() -> named(name).size() >= count);
        return named(name);
    }

    public int comments() {
        return comments.get();
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        source.close(5, TimeUnit.SECONDS);
        client.close();
    }
}
