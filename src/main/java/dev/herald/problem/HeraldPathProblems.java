package dev.herald.problem;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The failures the JAX-RS runtime answers before any Herald method runs (wrong method, no acceptable media type,
 * wrong body type), on Herald's paths only: they become typed problems, so an {@code EventSource} pointed at a
 * topic still reads an error event. An exception mapper cannot do this without taking over the same failures on
 * the embedding application's own paths; a response filter sees the finished answer and its path, and leaves
 * every other path alone.
 */
@Provider
@ApplicationScoped
public class HeraldPathProblems implements ContainerResponseFilter {

    /** {@code topics/{topic}}, {@code topics/{topic}/events} and {@code tickets}, relative to the application's path. */
    private static final Pattern HERALD_PATHS = Pattern.compile("/?(topics/[^/]+(/events)?|tickets)/?");
    private static final Set<Integer> RUNTIME_STATUSES = Set.of(405, 406, 415);
    private static final Annotation[] NO_ANNOTATIONS = {};

    /** A field, not the constructor: RESTEasy builds a provider only through a public constructor it can fill. */
    @Inject
    ProblemResponses responses;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!RUNTIME_STATUSES.contains(response.getStatus()) || isProblem(response.getMediaType())
                || !isHeraldPath(request.getUriInfo().getPath())) {
            return;
        }
        ProblemType type = StatusProblems.typeOf(response.getStatus());
        Response problem = responses.toResponse(type, StatusProblems.describe(type), request.getMethod(),
                accepted(request));
        response.setStatus(problem.getStatus());
        response.setEntity(problem.getEntity(), NO_ANNOTATIONS, problem.getMediaType());
        problem.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
    }

    /** Whether a path relative to the application's path is one of Herald's (also what CORS answers on). */
    public static boolean isHeraldPath(String path) {
        return path != null && HERALD_PATHS.matcher(path).matches();
    }

    private static boolean isProblem(MediaType type) {
        return type != null && type.isCompatible(ProblemResponses.PROBLEM_JSON);
    }

    /** A malformed {@code Accept} counts as none, as in {@link ProblemResponses}. */
    private static List<MediaType> accepted(ContainerRequestContext request) {
        try {
            return request.getAcceptableMediaTypes();
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }
}
