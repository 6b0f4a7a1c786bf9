package dev.herald.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;

import dev.herald.browser.Chromium;
import dev.herald.client.ConnectionState;
import dev.herald.client.HeraldSubscription;
import dev.herald.support.EventSubscription;
import dev.herald.support.Waits;

/**
 * The clients of one failover test, all on one topic: Herald's Java client ({@link HeraldSubscription}, on JAX-RS
 * {@code SseEventSource}), JAX-RS's plain {@code SseEventSource} ({@link EventSubscription}) and, in a real Chromium,
 * {@code herald.js} and plain {@code EventSource}s, each recording the ids of the events it received (duplicates
 * included) and how many times its stream opened.
 */
final class Subscribers implements AutoCloseable {

    /** What one client saw. */
    record Seen(String who, List<String> ids, int opened, long duplicatesDropped, List<String> errors) {
    }

    private final String topic;
    private final Client client = ClientBuilder.newClient();
    private final List<JavaSubscriber> java = new ArrayList<>();
    private final List<EventSubscription> plainJava = new ArrayList<>();
    private final Chromium chromium;

    private Subscribers(String topic, Chromium chromium) {
        this.topic = topic;
        this.chromium = chromium;
    }

    private static final class JavaSubscriber {
        final List<String> ids = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final AtomicInteger opened = new AtomicInteger();
        HeraldSubscription subscription;
    }

    /**
     * Opens the browser's streams first, one after another (so that a round-robin balancer gives each pair of
     * consecutive streams to two different nodes: both kinds of browser client get a stream on every node), then the
     * Java clients.
     *
     * @param balancer the load balancer, whose origin the page is served from
     * @param browserStreams {@code plain} or {@code herald}, in the order opened through the balancer
     * @param directPlain the nodes a plain EventSource reads from directly, not through the balancer
     */
    static Subscribers open(String topic, URL balancer, Chromium chromium, List<String> browserStreams,
                            List<URL> directPlain, int javaClients, int plainJavaClients) {
        Subscribers subscribers = new Subscribers(topic, chromium);
        subscribers.openInBrowser(balancer, browserStreams, directPlain);
        URI stream = URI.create(balancer + "api/topics/" + topic);
        for (int i = 0; i < plainJavaClients; i++) {
            subscribers.plainJava.add(EventSubscription.connect(stream));
        }
        for (int i = 0; i < javaClients; i++) {
            JavaSubscriber subscriber = new JavaSubscriber();
            subscriber.subscription = HeraldSubscription.to(stream)
                    .client(subscribers.client)
                    .backoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                    .onEvent(event -> subscriber.ids.add(event.id()))
                    .onError(problem -> subscriber.errors.add(problem.type()))
                    .onReset(reset -> subscriber.errors.add("reset"))
                    .onStateChange(state -> {
                        if (state == ConnectionState.OPEN) {
                            subscriber.opened.incrementAndGet();
                        }
                    })
                    .open();
            subscribers.java.add(subscriber);
        }
        return subscribers;
    }

    private void openInBrowser(URL balancer, List<String> streams, List<URL> directPlain) {
        chromium.driver().get("about:blank");
        chromium.driver().get(balancer.toString());
        List<String> urls = new ArrayList<>();
        List<String> kinds = new ArrayList<>(streams);
        streams.forEach(kind -> urls.add(balancer + "api/topics/" + topic));
        for (URL node : directPlain) {
            kinds.add("plain-direct");
            urls.add(node + "api/topics/" + topic);
        }
        chromium.driver().executeAsyncScript("""
                const [kinds, urls, module, done] = arguments;
                window.failover = [];
                import(module).then(herald => {
                  kinds.forEach((kind, i) => {
                    const client = { who: kind + ' ' + i, ids: [], opened: 0, errors: [] };
                    window.failover.push(client);
                    if (kind === 'herald') {
                      client.stream = herald.subscribe(urls[i], {
                        subscribed: () => client.opened++,
                        step: (data, meta) => client.ids.push(meta.id),
                        reset: () => client.errors.push('reset'),
                        error: problem => client.errors.push(problem.type) },
                        { baseDelayMs: 200, maxDelayMs: 2000 });
                    } else {
                      const source = client.stream = new EventSource(urls[i]);
                      source.addEventListener('subscribed', () => client.opened++);
                      source.addEventListener('step', event => client.ids.push(event.lastEventId));
                      source.addEventListener('reset', () => client.errors.push('reset'));
                      // A typed error has data; a broken or refused connection has none, and CLOSED means given up.
                      source.addEventListener('error', event => {
                        if (event.data) client.errors.push(JSON.parse(event.data).type);
                        else if (source.readyState === EventSource.CLOSED) client.errors.push('gave up');
                      });
                    }
                  });
                  done();
                }, failure => done(String(failure)));
                """, kinds, urls, balancer + "herald/herald.js");
    }

    /** Waits until every client's stream is open (its {@code subscribed} event came). */
    Subscribers awaitOpen(Duration bound) {
        Waits.atMost(bound).until(() -> seen().stream().allMatch(client -> client.opened() >= 1));
        return this;
    }

    /** Waits until every client told {@code server-shutdown} has opened its stream again; names those that did not. */
    void awaitBackAfterShutdown(Duration bound) {
        try {
            Waits.atMost(bound).until(() -> seen().stream().allMatch(Subscribers::backOrUntouched));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not every client came back: " + seen().stream()
                    .filter(client -> !backOrUntouched(client))
                    .map(client -> client.who() + " opened " + client.opened() + " errors " + client.errors())
                    .collect(Collectors.joining("; ")), e);
        }
    }

    private static boolean backOrUntouched(Seen client) {
        return client.opened() >= 2 || client.errors().isEmpty();
    }

    /** Every client's record, browser clients first. */
    List<Seen> seen() {
        List<Seen> all = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> browser = (List<Map<String, Object>>) chromium.driver().executeScript(
                "return window.failover.map(c => ({ who: c.who, ids: c.ids, opened: c.opened, errors: c.errors }));");
        for (Map<String, Object> client : browser) {
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) client.get("ids");
            @SuppressWarnings("unchecked")
            List<String> errors = (List<String>) client.get("errors");
            all.add(new Seen((String) client.get("who"), ids, ((Number) client.get("opened")).intValue(), 0, errors));
        }
        for (int i = 0; i < plainJava.size(); i++) {
            EventSubscription subscriber = plainJava.get(i);
            all.add(new Seen("sse-event-source " + i, subscriber.named("step").stream()
                    .map(EventSubscription.Received::id).toList(), subscriber.named("subscribed").size(), 0,
                    subscriber.failures().stream().map(Throwable::toString).toList()));
        }
        for (int i = 0; i < java.size(); i++) {
            JavaSubscriber subscriber = java.get(i);
            all.add(new Seen("java " + i, List.copyOf(subscriber.ids), subscriber.opened.get(),
                    subscriber.subscription.duplicatesDropped(), List.copyOf(subscriber.errors)));
        }
        return all;
    }

    /**
     * Waits until every client has the event {@code last}, then checks that each has every event of the topic from
     * {@code <epoch>-1} to {@code last}, once each and in order.
     */
    List<Seen> assertEveryClientGotEveryEventOnce(String last, Duration bound) {
        try {
            Waits.atMost(bound).until(() -> seen().stream().allMatch(client -> client.ids().contains(last)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not every client got " + last + ": " + seen().stream()
                    .filter(client -> !client.ids().contains(last))
                    .map(client -> client.who() + " last " + (client.ids().isEmpty() ? "none"
                            : client.ids().get(client.ids().size() - 1)) + " opened " + client.opened()
                            + " errors " + client.errors())
                    .collect(Collectors.joining("; ")), e);
        }
        String epoch = last.substring(0, last.lastIndexOf('-'));
        int count = Integer.parseInt(last.substring(last.lastIndexOf('-') + 1));
        List<String> expected = IntStream.rangeClosed(1, count).mapToObj(n -> epoch + "-" + n).toList();
        List<Seen> all = seen();
        for (Seen client : all) {
            assertEquals(expected, client.ids(), client.who() + ": every event once, in order");
            assertEquals(0, client.duplicatesDropped(), client.who() + ": nothing sent twice");
            assertTrue(client.errors().stream().allMatch("urn:herald:problem:server-shutdown"::equals),
                    client.who() + ": no reset, no other error: " + client.errors());
        }
        return all;
    }

    @Override
    public void close() {
        java.forEach(subscriber -> subscriber.subscription.close());
        plainJava.forEach(EventSubscription::close);
        client.close();
        chromium.driver().executeScript(
                "(window.failover || []).forEach(c => c.stream.close()); window.failover = [];");
    }
}
