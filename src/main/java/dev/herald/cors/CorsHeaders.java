package dev.herald.cors;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dev.herald.problem.HeraldPathProblems;

/**
 * Every answer on Herald's paths (streams, error streams, publish receipts, problems) says {@code Vary: Origin}, so
 * that no cache hands one origin's answer to another; a listed origin also gets its {@code Access-Control-Allow-*}
 * headers. Other paths are the embedding application's, and keep their own headers.
 */
@Provider
@ApplicationScoped
public class CorsHeaders implements ContainerResponseFilter {

    /** A field, not the constructor: RESTEasy builds a provider only through a public constructor it can fill. */
    @Inject
    CorsPolicy policy;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (CorsPreflight.isPreflight(request) || !HeraldPathProblems.isHeraldPath(request.getUriInfo().getPath())) {
            return; // a preflight was answered whole by CorsPreflight
        }
        if (!variesByOrigin(response.getHeaders().get(HttpHeaders.VARY))) {
            response.getHeaders().add(HttpHeaders.VARY, CorsPreflight.ORIGIN);
        }
        policy.request(request.getHeaderString(CorsPreflight.ORIGIN)).forEach(response.getHeaders()::putSingle);
    }

    private static boolean variesByOrigin(List<Object> vary) {
        return vary != null && vary.stream()
                .flatMap(value -> List.of(String.valueOf(value).split(",")).stream())
                .anyMatch(name -> name.trim().toLowerCase(Locale.ROOT).equals("origin") || name.trim().equals("*"));
    }
}
