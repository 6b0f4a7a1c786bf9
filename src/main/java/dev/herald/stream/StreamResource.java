package dev.herald.stream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import dev.herald.problem.RetryPolicy;
import dev.herald.topic.EventId;
import dev.herald.topic.Topic;
import dev.herald.topic.TopicRegistry;

/**
 * {@code GET /api/topics/{topic}}: an event stream for {@code Accept: text/event-stream},
 * the topic's status for {@code Accept: application/json}.
 * Failures before the stream opens are thrown and become an error event through the exception mappers.
 */
@Path("topics/{topic}")
@RequestScoped
public class StreamResource {

    @Context
    Sse sse;

    @Inject
    TopicRegistry topics;

    @Inject
    RetryPolicy retryPolicy;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@PathParam("topic") String topic, @Context SseEventSink sink) {
        topics.topic(topic).subscribe(sse, sink, retryPolicy.baseMs());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TopicStatus status(@PathParam("topic") String topic) {
        return topics.find(topic)
                .map(TopicStatus::of)
                .orElseGet(() -> new TopicStatus(topic, 0, null));
    }

    /** What a topic looks like from outside: for operators, and for tests that watch subscribers come and go. */
    public record TopicStatus(String topic, int subscribers, String lastEventId) {

        static TopicStatus of(Topic topic) {
            EventId last = topic.lastEventId();
            return new TopicStatus(topic.name().value(), topic.subscriberCount(), last == null ? null : last.toString());
        }
    }
}
