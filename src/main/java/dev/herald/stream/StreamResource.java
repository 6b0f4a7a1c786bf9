package dev.herald.stream;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.herald.delivery.ClientConnection;
import dev.herald.delivery.Subscriber;
import dev.herald.problem.HeraldErrors;
import dev.herald.problem.ProblemResponses;
import dev.herald.problem.ProblemSchemaFilter;
import dev.herald.problem.RetryPolicy;
import dev.herald.quota.ClientKey;
import dev.herald.quota.StreamQuota;
import dev.herald.security.Access;
import dev.herald.security.CurrentCaller;
import dev.herald.security.Guarded;
import dev.herald.server.ConnectionProbes;
import dev.herald.threads.Scheduler;
import dev.herald.topic.EventId;
import dev.herald.topic.Topic;
import dev.herald.topic.TopicCounts;
import dev.herald.topic.TopicRegistry;
import dev.herald.upstream.UpstreamSnapshots;

/**
 * {@code GET /api/topics/{topic}}: an event stream for {@code Accept: text/event-stream},
 * the topic's status for {@code Accept: application/json}.
 * Failures before the stream opens are thrown and become an error event through the exception mappers.
 * Both answers need the right to read the topic ({@link Guarded}: a token that grants it, a ticket, or a public
 * topic); a stream ends when the token it was opened with expires ({@link StreamDeadlines}).
 */
@Path("topics/{topic}")
@RequestScoped
@HeraldErrors
@Guarded(Access.SUBSCRIBE)
public class StreamResource {

    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";

    @Inject
    TopicRegistry topics;

    @Inject
    RetryPolicy retryPolicy;

    @Inject
    UpstreamSnapshots snapshots;

    @Inject
    StreamQuota quota;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Inject
    CurrentCaller caller;

    @Inject
    StreamDeadlines deadlines;

    @Inject
    Scheduler scheduler;

    @Inject
    Http2Resets resets;

    /** The topic's status, for {@code Accept: application/json} and for clients that accept anything. */
    // Declared before subscribe, which documents both answers: OpenAPI has one GET per path, and Payara keeps the
    // last GET method's description of it (Open Liberty merges the two; hiding one breaks Payara's document).
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TopicStatus status(@PathParam("topic") String topic) {
        return topics.find(topic)
                .map(found -> TopicStatus.of(found, snapshots.upstreamState(found).orElse(null)))
                .orElseGet(() -> new TopicStatus(topic, 0, null, null, new Counts(0, 0, 0, 0, Map.of())));
    }

    /**
     * Subscribes, resuming after {@code Last-Event-ID} (sent by {@code EventSource} when it reconnects) or, for
     * clients that reconnect by hand and cannot set headers, the {@code lastEventId} query parameter. The header
     * wins: it is what the browser saw last.
     */
    // The stream is chosen only when asked for: a client that accepts anything (curl, a browser tab) gets the
    // status. Without the lower quality the choice is left to the implementation and differs between deployments.
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    @Operation(summary = "Subscribe to a topic, or read its status",
            description = "`Accept: text/event-stream`: the topic's events. A problem is sent as an `error` event"
                    + " with status 200, because a browser's EventSource reads no other status."
                    + " Any other `Accept`: the topic's status.")
    @APIResponse(responseCode = "200", description = "The event stream, or the topic's status", content = {
            @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(ref = "EventStream")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TopicStatus"))})
    @APIResponse(responseCode = "default", description = "A request for the status that failed",
            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON_TYPE,
                    schema = @Schema(ref = ProblemSchemaFilter.SCHEMA)))
    public void subscribe(@PathParam("topic") String topic,
                          @Parameter(description = "Resume after this id (sent by EventSource when it reconnects)")
                          @HeaderParam(LAST_EVENT_ID_HEADER) String lastEventIdHeader,
                          @Parameter(description = "Resume after this id, for clients that cannot set headers;"
                                  + " the header wins")
                          @QueryParam("lastEventId") String lastEventIdQuery,
                          @Context SseEventSink sink) {
        EventId requested = resumePoint(lastEventIdHeader, lastEventIdQuery);
        var connection = ConnectionProbes.current(); // on the request thread, where the filter left it
        Runnable giveBack = quota.acquire(ClientKey.of(security, request));
        AtomicReference<Runnable> stopWatching = new AtomicReference<>(() -> { });
        Runnable whenGone = () -> {
            giveBack.run();
            stopWatching.get().run();
        };
        try {
            topics.use(topic, target -> {
                EventId resumeAfter = requested != null ? requested : snapshots.openingPoint(target).orElse(null);
                Subscriber stream = target.subscribe(sink, resumeAfter, retryPolicy.baseMs(), connection,
                        whenGone);
                deadlines.endAt(stream, caller.get().expiresAt());
                releaseWhenClientCloses(stream, connection, stopWatching);
                resets.watch(connection, stream);
                return target;
            });
        } catch (RuntimeException refused) {
            giveBack.run();
            throw refused;
        }
    }

    /**
     * {@code HEAD}: the headers a {@code GET} would get, and never a subscription (left to the runtime, a HEAD
     * runs the stream method and leaves behind a subscriber nobody reads). Invalid or unknown topics answer
     * as a {@code GET} would.
     */
    @HEAD
    @Produces({MediaType.SERVER_SENT_EVENTS + ";qs=0.5", MediaType.APPLICATION_JSON})
    @Operation(summary = "The headers a GET would get, without subscribing")
    @APIResponse(responseCode = "200", description = "The topic is valid and allowed")
    public Response head(@PathParam("topic") String topic, @Context HttpHeaders headers) {
        topics.find(topic);
        boolean stream = headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> !type.isWildcardSubtype() && type.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE));
        return Response.ok().type(stream ? MediaType.SERVER_SENT_EVENTS_TYPE : MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /**
     * Releases the stream as soon as its client closes the connection, where the container tells (HTTP/1.1 on
     * Payara); elsewhere the next write, a heartbeat at the latest, finds the client gone. The release runs on
     * Herald's scheduler, never on the container's thread that tells. The listener is taken off when the stream goes
     * for another reason, so a keep-alive connection does not gather one per stream it carried.
     */
    private void releaseWhenClientCloses(Subscriber stream, ClientConnection connection,
                                         AtomicReference<Runnable> stopWatching) {
        stopWatching.set(connection.whenClosed(() -> {
            try {
                scheduler.after(0, "Releasing a closed stream", stream::close);
            } catch (RejectedExecutionException stopping) {
                // Herald is stopping, and its shutdown closes every stream.
            }
        }));
        if (stream.isClosed()) {
            stopWatching.get().run(); // gone before the listener was set
        }
    }

    private static EventId resumePoint(String header, String query) {
        String given = header != null && !header.isBlank() ? header : query;
        return given == null || given.isBlank() ? null : EventId.parse(given.strip());
    }

    /**
     * What a topic looks like from outside, for operators and for tests: its subscribers, its last id, for a
     * topic an upstream feeds that upstream's state ({@code up}, why it is degraded, or {@code standby} on a node of a
     * cluster that does not run it), and its counts.
     */
    public record TopicStatus(String topic, int subscribers, String lastEventId, String upstream, Counts counts) {

        static TopicStatus of(Topic topic, String upstream) {
            EventId last = topic.lastEventId();
            return new TopicStatus(topic.name().value(), topic.subscriberCount(),
                    last == null ? null : last.toString(), upstream, Counts.of(topic.counts()));
        }
    }

    /**
     * Since the server started; {@code batched}: of the events delivered, those written on Jersey's batched write
     * path ({@code FrameWriter}); {@code errors} by problem type slug, the error events streams ended with.
     */
    public record Counts(long published, long delivered, long batched, long dropped, Map<String, Long> errors) {

        static Counts of(TopicCounts counts) {
            Map<String, Long> errors = new TreeMap<>();
            counts.errors().forEach((type, count) -> errors.put(type.slug(), count));
            return new Counts(counts.published(), counts.delivered(), counts.batched(), counts.dropped(), errors);
        }
    }
}
