package dev.herald.cors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import dev.herald.problem.HeraldPathProblems;

/**
 * Answers a CORS preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) on Herald's paths itself,
 * the same on Jersey and RESTEasy: {@code 204} with {@code Vary: Origin}, plus the allow headers for a listed origin
 * only. Without them the browser sends nothing: an unlisted page's JSON publish never reaches Herald. Every other
 * {@code OPTIONS}, and every path of an application Herald is embedded in, is left to the runtime.
 */
@Provider
@PreMatching
@ApplicationScoped
public class CorsPreflight implements ContainerRequestFilter {

    static final String ORIGIN = "Origin";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";

    /** A field, not the constructor: RESTEasy builds a provider only through a public constructor it can fill. */
    @Inject
    CorsPolicy policy;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPreflight(request) && HeraldPathProblems.isHeraldPath(request.getUriInfo().getPath())) {
            Response.ResponseBuilder answer = Response.noContent().header(HttpHeaders.VARY, ORIGIN);
            policy.preflight(request.getHeaderString(ORIGIN)).forEach(answer::header);
            request.abortWith(answer.build());
        }
    }

    static boolean isPreflight(ContainerRequestContext request) {
        return HttpMethod.OPTIONS.equals(request.getMethod()) && request.getHeaderString(ORIGIN) != null
                && request.getHeaderString(REQUEST_METHOD) != null;
    }
}
