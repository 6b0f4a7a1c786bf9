package dev.herald.standalone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.herald.problem.ProblemResponses;
import dev.herald.problem.ProblemType;
import dev.herald.problem.StatusProblems;

/**
 * Failures the JAX-RS runtime raises anywhere in the standalone WAR (no such path, wrong method, wrong
 * {@code Accept} or {@code Content-Type}): typed problems instead of the server's HTML error pages. Only the WAR
 * has it: the whole application is Herald's there; the library jar maps nothing of an embedding application's.
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
        ProblemType type = StatusProblems.typeOf(exception.getResponse().getStatus());
        String detail = type == ProblemType.NOT_FOUND
                ? "There is no resource at this path. Topics are at /api/topics/{topic}."
                : StatusProblems.describe(type);
        return responses.toResponse(type, detail, headers, request);
    }
}
