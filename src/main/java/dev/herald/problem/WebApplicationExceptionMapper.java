package dev.herald.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Failures the JAX-RS runtime raises before Herald's code runs (no such path, wrong method, wrong
 * {@code Accept} or {@code Content-Type}): typed problems instead of the server's HTML error pages.
 */
@Provider
@ApplicationScoped
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpHeaders headers;

    @Context
    Request request;

    @Inject
    ProblemResponses responses;

    @Override
    public Response toResponse(WebApplicationException exception) {
        ProblemType type = typeOf(exception.getResponse().getStatus());
        return responses.toResponse(type, describe(type), headers, request);
    }

    static ProblemType typeOf(int status) {
        return switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemType.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.BAD_REQUEST;
        };
    }

    /** Our own wording: the runtime's messages may name classes or echo input. */
    private static String describe(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "There is no resource at this path. Topics are at /api/topics/{topic}.";
            case METHOD_NOT_ALLOWED -> "This resource does not support the request method.";
            case NOT_ACCEPTABLE -> "This resource cannot answer in any media type the Accept header allows.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body must be application/json.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case SERVICE_UNAVAILABLE -> "The service is temporarily unavailable.";
            case INTERNAL_ERROR -> "The server failed to handle the request.";
            default -> "The request could not be understood.";
        };
    }
}
