package dev.herald.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Herald's own failures: already typed, only translated. */
@Provider
@ApplicationScoped
public class HeraldExceptionMapper implements ExceptionMapper<HeraldException> {

    @Context
    HttpHeaders headers;

    @Context
    Request request;

    @Inject
    ProblemResponses responses;

    @Inject
    RetryPolicy retryPolicy;

    @Override
    public Response toResponse(HeraldException exception) {
        Response response = responses.toResponse(retryPolicy.problem(exception), headers, request);
        if (exception.closesConnection()) {
            // Bytes of this request are still unread: the server must not parse them as the next request.
            return Response.fromResponse(response).header("Connection", "close").build();
        }
        return response;
    }
}
