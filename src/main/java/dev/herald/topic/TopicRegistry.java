package dev.herald.topic;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.problem.RetryPolicy;

/** All topics of this Herald. Topics come into being on first use, within {@link TopicPolicy} and a count limit. */
@ApplicationScoped
public class TopicRegistry {

    private static final Logger LOG = Logger.getLogger(TopicRegistry.class.getName());

    private final ConcurrentMap<TopicName, Topic> topics = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private TopicPolicy policy;
    private RetryPolicy retryPolicy;
    private int maxTopics;
    private Topic.Context context;
    private Event<TopicOpened> opened;

    protected TopicRegistry() {
        // for the CDI proxy
    }

    @Inject
    public TopicRegistry(TopicPolicy policy, RetryPolicy retryPolicy, TopicConfig config, StreamWriters writers,
                         Event<TopicOpened> opened) {
        this.policy = policy;
        this.opened = opened;
        this.retryPolicy = retryPolicy;
        this.maxTopics = config.maxTopics();
        this.context = new Topic.Context(Epoch.next(), config.history(), config.queueLimit(), writers.executor(),
                new SubscriberBudget(config.maxSubscribers()),
                () -> retryPolicy.problem(ProblemType.SLOW_CONSUMER, "This stream fell more than "
                        + config.queueLimit() + " events behind and was closed; reconnect with your last event id"
                        + " to catch up from the history."),
                System::currentTimeMillis);
    }

    /** The topic of that name, created if needed; the name is validated against the policy first. */
    public Topic topic(String name) {
        TopicName topicName = policy.requireKnown(name);
        Topic existing = topics.get(topicName);
        if (existing != null) {
            return existing;
        }
        // The limit is approximate under a race, which is enough to bound memory.
        if (topics.size() >= maxTopics) {
            throw new HeraldException(ProblemType.TOO_MANY_TOPICS,
                    "This server holds its maximum of " + maxTopics + " topics.");
        }
        Topic[] created = new Topic[1];
        Topic topic = topics.computeIfAbsent(topicName, key -> created[0] = new Topic(key, context));
        if (created[0] != null) {
            opened.fire(new TopicOpened(topic)); // outside computeIfAbsent: observers may look at the registry
        }
        return topic;
    }

    /** The topic if it exists, without creating it. */
    public Optional<Topic> find(String name) {
        return Optional.ofNullable(topics.get(policy.requireKnown(name)));
    }

    public Collection<Topic> all() {
        return List.copyOf(topics.values());
    }

    /**
     * Undeploy or server stop: every open stream is told to come back later, each at its own time.
     * Runs once, from {@code @PreDestroy} or from {@link ShutdownNotice}'s hook, whichever comes first.
     */
    @PreDestroy
    void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        int open = topics.values().stream().mapToInt(Topic::subscriberCount).sum();
        LOG.info(() -> "Herald is stopping: telling " + open + " open streams to come back later");
        topics.values().forEach(topic -> topic.shutdown(retryPolicy::shutdown));
    }
}
