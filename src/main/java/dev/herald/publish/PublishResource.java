package dev.herald.publish;

import java.io.InputStream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.herald.problem.HeraldErrors;
import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemResponses;
import dev.herald.problem.ProblemSchemaFilter;
import dev.herald.quota.ClientKey;
import dev.herald.quota.PublishQuota;
import dev.herald.security.Access;
import dev.herald.security.Guarded;
import dev.herald.topic.TopicEvent;

/**
 * {@code POST /api/topics/{topic}/events}: publishes one event and answers 202 with the id it was given; for a
 * caller whose token grants publishing to the topic, or to anyone where the topic allows it ({@link Guarded}).
 */
@Path("topics/{topic}/events")
@RequestScoped
@HeraldErrors
@Guarded(Access.PUBLISH)
public class PublishResource {

    /** Room for the envelope ({@code "event"} and the braces) around the largest allowed data. */
    private static final int ENVELOPE_BYTES = 1024;

    @Inject
    TopicPublisher publisher;

    @Inject
    BodyReader bodies;

    @Inject
    PublishQuota rate;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /**
     * No {@code @Consumes}: {@link BodyReader} checks the type itself, because JAX-RS lets a request without
     * {@code Content-Type} through. No {@code @Produces} either, so that content negotiation never answers
     * {@code 406} before the body is looked at: the receipt is always JSON and every failure problem+json.
     */
    @POST
    @Operation(summary = "Publish an event to a topic")
    @RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PublishBody")))
    @APIResponse(responseCode = "202", description = "Published: the id subscribers see it under",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Receipt")))
    @APIResponse(responseCode = "default", description = "Not published: its type says why",
            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON_TYPE,
                    schema = @Schema(ref = ProblemSchemaFilter.SCHEMA)))
    public Response publish(@PathParam("topic") String topic, @Context HttpHeaders headers, InputStream body) {
        ClientKey client = ClientKey.of(security, request);
        try {
            rate.take(client); // before the body is read: a flood costs no read slot
        } catch (HeraldException overRate) {
            throw new UnreadBodyException(overRate);
        }
        byte[] bytes = bodies.read(headers, body, publisher.maxDataBytes() + ENVELOPE_BYTES, client);
        PublishRequest request = PublishRequest.parse(bytes);
        String idempotencyKey = IdempotencyKey.of(headers.getHeaderString(IdempotencyKey.HEADER));
        TopicEvent event = publisher.publish(topic, request.event(), request.data(), idempotencyKey);
        return Response.accepted(new Receipt(event.topic().value(), event.id().toString(), event.name()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** The answer to a publish: where the event went and the id subscribers see it under. */
    public record Receipt(String topic, String id, String event) {
    }
}
