package dev.herald.problem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * Turns a problem into the response a client can read.
 * <p>
 * A {@code GET} that asked for {@code text/event-stream} gets {@code 200} with one error event, because a browser's
 * {@code EventSource} (which only ever sends {@code GET}) fails for good on any other status and never shows the
 * body to page code. Every other request gets {@code application/problem+json} with the real status, whatever its
 * {@code Accept} says: a publish that lists {@code text/event-stream} is still a publish, and its client must see
 * that it failed.
 */
@ApplicationScoped
public class ProblemResponses {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    /** {@link #PROBLEM_JSON} as a constant for annotations (the OpenAPI documentation of the resources). */
    public static final String PROBLEM_JSON_TYPE = "application/problem+json";

    private RetryPolicy retryPolicy;

    protected ProblemResponses() {
        // for the CDI proxy
    }

    @Inject
    public ProblemResponses(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    public Response toResponse(ProblemType type, String detail, HttpHeaders headers, Request request) {
        return toResponse(retryPolicy.problem(type, detail), headers, request);
    }

    public Response toResponse(Problem problem, HttpHeaders headers, Request request) {
        return toResponse(problem, request == null ? null : request.getMethod(), accepted(headers));
    }

    /** For a failure seen from a filter, which has the request's method and {@code Accept} but no injections. */
    public Response toResponse(ProblemType type, String detail, String method, List<MediaType> accepted) {
        return toResponse(retryPolicy.problem(type, detail), method, accepted);
    }

    private Response toResponse(Problem problem, String method, List<MediaType> accepted) {
        ProblemType type = problem.type();
        if (wantsEventStream(method, accepted)) {
            return Response.ok(ErrorEvents.frame(problem), MediaType.SERVER_SENT_EVENTS_TYPE).build();
        }
        Response.ResponseBuilder response = Response.status(type.status())
                .type(PROBLEM_JSON)
                .entity(problem.toJson().toString());
        if (type.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge(type));
        }
        if (problem.retryable()) {
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, (problem.retryAfterMs() + 999) / 1000));
        }
        return response.build();
    }

    /** RFC 6750: what a client sends to be let in; an expired token is said to be one. */
    private static String challenge(ProblemType type) {
        return type == ProblemType.TOKEN_EXPIRED
                ? "Bearer realm=\"herald\", error=\"invalid_token\", error_description=\"The token has expired\""
                : "Bearer realm=\"herald\"";
    }

    /** A malformed {@code Accept} must not turn one problem into another: it counts as none. */
    private static List<MediaType> accepted(HttpHeaders headers) {
        try {
            return headers == null ? List.of() : headers.getAcceptableMediaTypes();
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }

    /**
     * Only a {@code GET} with an explicit {@code text/event-stream}; a wildcard {@code Accept} gets the JSON
     * document. An unknown path counts too: an {@code EventSource} pointed at it can read nothing else.
     */
    static boolean wantsEventStream(String method, List<MediaType> accepted) {
        if (!HttpMethod.GET.equals(method)) {
            return false;
        }
        return accepted.stream().anyMatch(type -> !type.isWildcardType() && !type.isWildcardSubtype()
                && type.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE));
    }
}
