package dev.herald.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * The one place that shapes an SSE {@code error} event: {@code retry:} matching {@code retryAfterMs},
 * {@code event: error} and the problem as single-line JSON data. It has no {@code id:} so that the client's
 * last event id stays on the last real event and a reconnect resumes from there.
 */
public final class ErrorEvents {

    public static final String EVENT_NAME = "error";

    private ErrorEvents() {
    }

    /** For a stream that is open: written through the sink like any other event. */
    public static OutboundSseEvent outbound(Sse sse, Problem problem) {
        return sse.newEventBuilder()
                .name(EVENT_NAME)
                .reconnectDelay(problem.retryAfterMs())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, problem.toJson().toString())
                .build();
    }

    /**
     * For a stream that failed to open: the whole body of the 200 response an exception mapper returns,
     * since there is no sink. Same fields as {@link #outbound}; JSON-P never writes a raw line break.
     */
    public static String frame(Problem problem) {
        return "retry: " + problem.retryAfterMs() + "\n"
                + "event: " + EVENT_NAME + "\n"
                + "data: " + problem.toJson() + "\n\n";
    }
}
