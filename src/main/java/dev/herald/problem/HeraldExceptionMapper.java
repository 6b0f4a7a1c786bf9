package dev.herald.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Herald's own failures: already typed, only translated. */
@Provider
@ApplicationScoped
public class HeraldExceptionMapper implements ExceptionMapper<HeraldException> {

    @Context
    HttpHeaders headers;

    @Inject
    ProblemResponses responses;

    @Inject
    RetryPolicy retryPolicy;

    @Override
    public Response toResponse(HeraldException exception) {
        return responses.toResponse(retryPolicy.problem(exception), headers);
    }
}
