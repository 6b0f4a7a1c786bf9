package dev.herald.publish;

import java.io.InputStream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.herald.topic.TopicEvent;

/** {@code POST /api/topics/{topic}/events}: publishes one event and answers 202 with the id it was given. */
@Path("topics/{topic}/events")
@RequestScoped
public class PublishResource {

    /** Room for the envelope ({@code "event"} and the braces) around the largest allowed data. */
    private static final int ENVELOPE_BYTES = 1024;

    @Inject
    TopicPublisher publisher;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("topic") String topic, InputStream body) {
        PublishRequest request = PublishRequest.read(body, publisher.maxDataBytes() + ENVELOPE_BYTES);
        TopicEvent event = publisher.publish(topic, request.event(), request.data());
        return Response.accepted(new Receipt(event.topic().value(), event.id().toString(), event.name())).build();
    }

    /** The answer to a publish: where the event went and the id subscribers see it under. */
    public record Receipt(String topic, String id, String event) {
    }
}
