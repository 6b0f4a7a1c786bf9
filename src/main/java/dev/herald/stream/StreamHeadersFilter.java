package dev.herald.stream;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Every event stream, error streams included: no caching, and no buffering by nginx-style proxies
 * ({@code X-Accel-Buffering: no}), or events arrive late and in batches. RESTEasy copies the {@code qs}
 * (server-side quality) of {@code @Produces} into the {@code Content-Type}; it is dropped here.
 */
@Provider
public class StreamHeadersFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE)) {
            if (type.getParameters().containsKey("qs")) {
                Map<String, String> parameters = new HashMap<>(type.getParameters());
                parameters.remove("qs");
                response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE,
                        new MediaType(type.getType(), type.getSubtype(), parameters));
            }
            response.getHeaders().putSingle("Cache-Control", "no-cache");
            response.getHeaders().putSingle("X-Accel-Buffering", "no");
        }
    }
}
