package dev.herald.standalone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.herald.problem.Incidents;
import dev.herald.problem.ProblemResponses;
import dev.herald.problem.RetryPolicy;

/**
 * A bug anywhere in the standalone WAR: an {@code internal-error} problem with an incident id. Only the WAR has
 * it (see {@link WebApplicationExceptionMapper}); in the library, Herald's resources report their own bugs.
 */
@Provider
@ApplicationScoped
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    @Context
    HttpHeaders headers;

    @Context
    Request request;

    @Inject
    ProblemResponses responses;

    @Inject
    RetryPolicy retryPolicy;

    @Override
    public Response toResponse(Throwable exception) {
        return responses.toResponse(retryPolicy.problem(Incidents.report(exception)), headers, request);
    }
}
