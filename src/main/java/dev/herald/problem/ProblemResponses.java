package dev.herald.problem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Turns a problem into the response a client can read.
 * <p>
 * A client that asked for {@code text/event-stream} gets {@code 200} with one error event, because a browser's
 * {@code EventSource} fails for good on any other status and never shows the body to page code.
 * Every other client gets {@code application/problem+json} with the real status.
 */
@ApplicationScoped
public class ProblemResponses {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    private RetryPolicy retryPolicy;

    protected ProblemResponses() {
        // for the CDI proxy
    }

    @Inject
    public ProblemResponses(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    public Response toResponse(ProblemType type, String detail, HttpHeaders request) {
        return toResponse(retryPolicy.problem(type, detail), request);
    }

    public Response toResponse(Problem problem, HttpHeaders request) {
        ProblemType type = problem.type();
        if (wantsEventStream(request)) {
            return Response.ok(ErrorEvents.frame(problem), MediaType.SERVER_SENT_EVENTS_TYPE).build();
        }
        Response.ResponseBuilder response = Response.status(type.status())
                .type(PROBLEM_JSON)
                .entity(problem.toJson().toString());
        if (problem.retryable()) {
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, (problem.retryAfterMs() + 999) / 1000));
        }
        return response.build();
    }

    /** Only an explicit {@code text/event-stream}; a wildcard {@code Accept} gets the JSON document. */
    static boolean wantsEventStream(HttpHeaders request) {
        List<MediaType> accepted = request == null ? List.of() : request.getAcceptableMediaTypes();
        return accepted.stream().anyMatch(type -> !type.isWildcardType() && !type.isWildcardSubtype()
                && type.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE));
    }
}
