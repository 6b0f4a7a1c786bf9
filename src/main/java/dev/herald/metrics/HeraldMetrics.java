package dev.herald.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import dev.herald.aborts.ClientAborts;
import dev.herald.problem.ProblemType;
import dev.herald.topic.Topic;
import dev.herald.topic.TopicClosed;
import dev.herald.topic.TopicCounts;
import dev.herald.topic.TopicOpened;
import dev.herald.topic.TopicRegistry;

/**
 * Herald's counts in MicroProfile Metrics (application scope, e.g. {@code /metrics?scope=application}): per
 * topic its subscribers, events published, delivered and dropped, and the error events its streams ended with;
 * plus the number of topics and of clients that went away before their answer was written. Gauges read the topic's own counters, so the hot path never touches the registry.
 * <p>
 * On a server without MicroProfile Metrics this class cannot load and CDI leaves it out; the same counts are in
 * every topic's status ({@code GET /api/topics/{topic}}, JSON).
 */
@ApplicationScoped
public class HeraldMetrics {

    /** The error events a stream ends with; errors while opening a stream are answered before a topic is used. */
    private static final ProblemType[] STREAM_ERRORS = {ProblemType.SLOW_CONSUMER, ProblemType.SERVER_SHUTDOWN};

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    TopicRegistry topics;

    @Inject
    ClientAborts aborts;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        registry.gauge(Metadata.builder().withName("herald.topics")
                .withDescription("Topics held in memory").build(), topics, registered -> registered.all().size());
        registry.gauge(Metadata.builder().withName("herald.clients.gone")
                .withDescription("Requests whose client went away before the answer was written").build(), aborts,
                ClientAborts::gone);
        topics.all().forEach(this::watch); // any topic made before this bean started
    }

    void topicOpened(@Observes TopicOpened opened) {
        watch(opened.topic());
    }

    /** A topic that went away must not stay reachable from its gauges. */
    void topicClosed(@Observes TopicClosed closed) {
        Tag tag = new Tag("topic", closed.topic().name().value());
        for (String name : new String[] {"herald.topic.subscribers", "herald.topic.published",
                "herald.topic.delivered", "herald.topic.dropped"}) {
            registry.remove(new MetricID(name, tag));
        }
        for (ProblemType type : STREAM_ERRORS) {
            registry.remove(new MetricID("herald.topic.errors", tag, new Tag("type", type.slug())));
        }
    }

    private void watch(Topic topic) {
        Tag tag = new Tag("topic", topic.name().value());
        TopicCounts counts = topic.counts();
        gauge("herald.topic.subscribers", "Open streams of the topic", topic, Topic::subscriberCount, tag);
        gauge("herald.topic.published", "Events published to the topic", counts, TopicCounts::published, tag);
        gauge("herald.topic.delivered", "Events written to the topic's subscribers", counts,
                TopicCounts::delivered, tag);
        gauge("herald.topic.dropped", "Events dropped from the queue of a subscriber that was closed", counts,
                TopicCounts::dropped, tag);
        for (ProblemType type : STREAM_ERRORS) {
            gauge("herald.topic.errors", "Error events the topic's streams ended with, by type", counts,
                    c -> c.errors(type), tag, new Tag("type", type.slug()));
        }
    }

    private <T> void gauge(String name, String description, T object, java.util.function.Function<T, Number> value,
                           Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), object, value, tags);
    }
}
