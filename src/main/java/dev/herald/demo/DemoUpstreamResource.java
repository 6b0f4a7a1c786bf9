package dev.herald.demo;

import static dev.herald.json.SharedJson.JSON;

import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * A pretend upstream for the demo: prices that change every five seconds, with an {@code ETag}, polled by the
 * dev profile's {@code demo-prices} source; and a stream of trades relayed by its {@code demo-trades} source. It
 * can be broken and mended by hand to watch Herald's typed events flow:
 * {@code curl -X POST localhost:8080/api/demo-upstream/mode/fail} (or {@code hang}, {@code garbage},
 * {@code missing}, {@code ok}). These fault knobs exist only here, and only with {@code herald.demo.enabled=true}
 * (the dev profile the run commands set): otherwise every path answers {@code not-found}.
 */
@Path("demo-upstream")
@ApplicationScoped
public class DemoUpstreamResource {

    private static final long HANG_MILLIS = 30_000;
    private static final long PRICE_PERIOD_MILLIS = 5_000;

    @Inject
    DemoSettings settings;

    @Inject
    DemoFaults faults;

    private final DemoTrades trades = new DemoTrades();

    @GET
    @Path("prices")
    @Produces(MediaType.APPLICATION_JSON)
    public Response prices(@HeaderParam("If-None-Match") String ifNoneMatch) throws InterruptedException {
        requireEnabled();
        DemoFaults.Mode mode = faults.mode();
        Response broken = whileBroken(mode);
        if (broken != null) {
            return broken;
        }
        return mode == DemoFaults.Mode.GARBAGE
                ? Response.ok("{\"EURUSD\": 1.08, oops", MediaType.APPLICATION_JSON).build()
                : current(ifNoneMatch);
    }

    /** An SSE stream of trades, relayed by the default {@code demo-trades} source; the same switch breaks it. */
    @GET
    @Path("trades")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response trades(@HeaderParam("Last-Event-ID") String lastEventId) throws InterruptedException {
        requireEnabled();
        // Answered as another system would, not through Herald's error protocol: a status, then a plain stream.
        Response broken = whileBroken(faults.mode());
        return broken != null ? broken
                : Response.ok((StreamingOutput) out -> trades.stream(out, lastEventId, faults::mode),
                        MediaType.SERVER_SENT_EVENTS).header("Cache-Control", "no-cache").build();
    }

    /** How the pretend upstream answers while broken on purpose; null while it answers (ok, or garbage). */
    private static Response whileBroken(DemoFaults.Mode mode) throws InterruptedException {
        return switch (mode) {
            case FAIL -> Response.serverError().type(MediaType.TEXT_PLAIN).entity("demo upstream: failing").build();
            case HANG -> {
                Thread.sleep(HANG_MILLIS); // a demo of an upstream that hangs, on a request thread of its own
                yield Response.status(503).build();
            }
            case MISSING -> Response.status(404).build();
            case OK, GARBAGE -> null;
        };
    }

    private Response current(String ifNoneMatch) {
        long period = System.currentTimeMillis() / PRICE_PERIOD_MILLIS;
        EntityTag tag = new EntityTag(Long.toString(period));
        if (ifNoneMatch != null && ifNoneMatch.contains(tag.getValue())) {
            return Response.notModified(tag).build();
        }
        double wave = Math.sin(period / 3.0);
        return Response.ok(JSON.createObjectBuilder()
                        .add("EURUSD", Math.round((1.08 + wave / 100) * 10_000) / 10_000.0)
                        .add("GBPUSD", Math.round((1.27 - wave / 120) * 10_000) / 10_000.0)
                        .add("asOf", Instant.ofEpochMilli(period * PRICE_PERIOD_MILLIS).toString())
                        .build().toString(), MediaType.APPLICATION_JSON)
                .tag(tag)
                .build();
    }

    @GET
    @Path("mode")
    @Produces(MediaType.APPLICATION_JSON)
    public String mode() {
        requireEnabled();
        String current = faults.mode().name().toLowerCase(Locale.ROOT);
        return JSON.createObjectBuilder().add("mode", current).build().toString();
    }

    @POST
    @Path("mode/{mode}")
    @Produces(MediaType.APPLICATION_JSON)
    public String setMode(@PathParam("mode") String requested) {
        requireEnabled();
        try {
            faults.set(DemoFaults.Mode.valueOf(requested.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new HeraldException(ProblemType.BAD_REQUEST,
                    "The demo upstream's modes are ok, fail, hang, garbage and missing.");
        }
        return mode();
    }

    private void requireEnabled() {
        if (!settings.enabled()) {
            throw new NotFoundException();
        }
    }
}
