package dev.herald.publish;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.topic.EventName;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicRegistry;

/**
 * Publishes to a topic from inside the application, without HTTP:
 * <pre>{@code
 * @Inject TopicPublisher herald;
 * herald.publish("orders", "order-updated", order);   // any JSON-B serializable object
 * }</pre>
 * The same rules as {@code POST /api/topics/{topic}/events} apply; a violation throws {@link HeraldException}.
 */
@ApplicationScoped
public class TopicPublisher {

    private TopicRegistry topics;
    private int maxDataBytes;
    private Jsonb jsonb;

    protected TopicPublisher() {
        // for the CDI proxy
    }

    @Inject
    public TopicPublisher(TopicRegistry topics, PublishSettings settings) {
        this.topics = topics;
        this.maxDataBytes = settings.maxDataBytes();
        this.jsonb = JsonbBuilder.create();
    }

    public int maxDataBytes() {
        return maxDataBytes;
    }

    /** Publishes a JSON value as the event's data. */
    public TopicEvent publish(String topic, String event, JsonValue data) {
        return publish(topic, event, data, null);
    }

    /**
     * As above, once per idempotency key: publishing again with the key of an event still in the topic's history
     * stores nothing and returns that event (with its id), so that a publish whose outcome is unknown can be sent
     * again safely.
     *
     * @param idempotencyKey the caller's name for this event, or null
     */
    public TopicEvent publish(String topic, String event, JsonValue data, String idempotencyKey) {
        if (data == null) {
            throw new HeraldException(ProblemType.INVALID_EVENT, "An event needs data (JSON null is allowed).");
        }
        return publishSerialized(topic, event, data.toString(), idempotencyKey);
    }

    /** Publishes any JSON-B serializable object (a record, a POJO, a map) as the event's data. */
    public TopicEvent publish(String topic, String event, Object payload) {
        if (payload instanceof JsonValue json) {
            return publish(topic, event, json);
        }
        String data;
        try {
            data = jsonb.toJson(payload);
        } catch (JsonbException e) {
            throw new HeraldException(ProblemType.INVALID_EVENT, "The payload cannot be serialized to JSON.");
        }
        return publishSerialized(topic, event, data, null);
    }

    /**
     * Both JSON-P and JSON-B write compact JSON: line breaks inside strings are escaped, so the data
     * always fits one {@code data:} line.
     */
    private TopicEvent publishSerialized(String topic, String event, String data, String idempotencyKey) {
        String name = EventName.require(event);
        int size = data.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxDataBytes) {
            throw new HeraldException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The event data is " + size + " bytes of JSON; the limit is " + maxDataBytes + ".");
        }
        return topics.use(topic, target -> {
            if (target.fedByUpstream()) {
                throw new HeraldException(ProblemType.TOPIC_FED_BY_UPSTREAM, "Topic '" + topic + "' is fed by an"
                        + " upstream; its events come from there only.");
            }
            return target.publish(name, data, idempotencyKey);
        });
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // Nothing is lost: the application is going away.
            java.util.logging.Logger.getLogger(TopicPublisher.class.getName()).fine("Closing JSON-B failed: " + e);
        }
    }
}
