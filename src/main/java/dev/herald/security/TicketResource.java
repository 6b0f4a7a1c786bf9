package dev.herald.security;

import static dev.herald.json.SharedJson.JSON;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.herald.problem.HeraldErrors;
import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemResponses;
import dev.herald.problem.ProblemSchemaFilter;
import dev.herald.problem.ProblemType;
import dev.herald.quota.ClientKey;
import dev.herald.topic.TopicPolicy;

/**
 * {@code POST /api/tickets} with {@code {"topic": "<name>"}}: a stream ticket for a browser on another site, whose
 * {@code EventSource} can send neither a header nor (cross-site) a cookie. The caller's token must grant the topic;
 * the ticket then opens one stream of that topic, once, within {@code herald.auth.tickets.ttl-ms}, as
 * {@code GET /api/topics/<name>?ticket=<ticket>}; the stream ends when the token would have expired.
 */
@Path("tickets")
@RequestScoped
@HeraldErrors
@Guarded(Access.AUTHENTICATED)
public class TicketResource {

    private static final int MAX_BODY_BYTES = 1024;

    @Inject
    CurrentCaller caller;

    @Inject
    Tickets tickets;

    @Inject
    TopicPolicy topics;

    @POST
    @Operation(summary = "Mint a stream ticket: one stream of one topic, once, within seconds")
    @APIResponse(responseCode = "201", description = "The ticket, to pass as ?ticket= when opening the stream",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Minted.class)))
    @APIResponse(responseCode = "default", description = "No ticket: its type says why",
            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON_TYPE,
                    schema = @Schema(ref = ProblemSchemaFilter.SCHEMA)))
    public Response mint(@Context HttpHeaders headers, @Context SecurityContext security,
                         @Context HttpServletRequest request, InputStream body) throws IOException {
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new HeraldException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send {\"topic\": \"<name>\"} as"
                    + " Content-Type: application/json.");
        }
        String topic = topics.requireKnown(topicOf(body.readNBytes(MAX_BODY_BYTES + 1))).value();
        Caller holder = caller.get();
        if (!holder.may(Access.SUBSCRIBE, topic)) {
            throw new HeraldException(ProblemType.FORBIDDEN, "Your token does not grant subscribing to this topic.");
        }
        String ticket = tickets.mint(topic, holder.expiresAt(), holder.subject(), ClientKey.of(security, request));
        return Response.status(Response.Status.CREATED)
                .entity(new Minted(ticket, topic, Math.max(0, Math.min(tickets.ttlMillis(),
                        holder.expiresAt().toEpochMilli() - Instant.now().toEpochMilli()))))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static String topicOf(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new HeraldException(ProblemType.PAYLOAD_TOO_LARGE, "A ticket request is {\"topic\": \"<name>\"},"
                    + " at most " + MAX_BODY_BYTES + " bytes.");
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object && object.get("topic") instanceof JsonString topic) {
                return topic.getString();
            }
        } catch (JsonException | IllegalStateException malformed) {
            throw new HeraldException(ProblemType.MALFORMED_JSON, "The body is not JSON.");
        }
        throw new HeraldException(ProblemType.BAD_REQUEST, "The body is {\"topic\": \"<name>\"}.");
    }

    /** A minted ticket: for one stream of {@code topic}, to be used within {@code expiresInMs}. */
    public record Minted(String ticket, String topic, long expiresInMs) {
    }
}
