package dev.herald.bench.plain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * The baseline a team would write by hand (issue 7): one {@link SseBroadcaster} per topic and
 * {@code broadcast()} per event; no history, no per-subscriber queues, no limits. Same URIs as Herald so that the
 * load generator drives both alike. The body of a publish is the event's data, sent as one {@code data:} line.
 */
@Path("topics/{topic}")
@ApplicationScoped
public class PlainBroadcastResource {

    private final Map<String, SseBroadcaster> broadcasters = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    @Context
    Sse sse;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@PathParam("topic") String topic, @Context SseEventSink sink) {
        broadcaster(topic).register(sink);
        // Commits the response, as Herald's own "subscribed" event does.
        sink.send(sse.newEventBuilder().name("subscribed").data("{}").build());
    }

    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("topic") String topic, String data) {
        String id = Long.toString(sequence.incrementAndGet());
        broadcaster(topic).broadcast(sse.newEventBuilder().id(id).name("bench").data(data).build());
        return Response.accepted().build();
    }

    private SseBroadcaster broadcaster(String topic) {
        return broadcasters.computeIfAbsent(topic, ignored -> sse.newBroadcaster());
    }

    @PreDestroy
    void close() {
        broadcasters.values().forEach(SseBroadcaster::close);
    }
}
