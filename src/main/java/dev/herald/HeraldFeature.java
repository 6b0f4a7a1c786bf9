package dev.herald;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import dev.herald.cors.CorsHeaders;
import dev.herald.cors.CorsPreflight;
import dev.herald.problem.HeraldExceptionMapper;
import dev.herald.problem.HeraldPathProblems;
import dev.herald.publish.PublishResource;
import dev.herald.security.AccessFilter;
import dev.herald.security.TicketResource;
import dev.herald.server.FrameWriter;
import dev.herald.stream.StreamHeadersFilter;
import dev.herald.stream.StreamResource;

/**
 * The one list of Herald's JAX-RS parts, for an application that lists its classes ({@code Application.getClasses()}
 * turns the runtime's scanning off, so nothing annotated {@code @Provider} is found by itself):
 * <pre>{@code
 * classes.addAll(HeraldFeature.classes());   // Herald's resources and this feature
 * }</pre>
 * The feature registers every provider Herald needs: the error protocol, security, CORS, the stream headers and
 * {@link FrameWriter}, without which Jersey frames every event again for every subscriber (no batched writes).
 * An application that scans (no {@code getClasses()}, as Herald's own WAR) needs none of this: the providers are
 * annotated. Not annotated itself, so that scanning never registers it next to the providers it found;
 * and it skips a provider already registered, so listing it in a scanning application registers nothing twice.
 * {@code HeraldFeatureTest} fails when a provider of Herald's is missing from {@link #PROVIDERS}.
 */
public final class HeraldFeature implements Feature {

    /** Herald's resources: the stream, publish and ticket endpoints. A feature cannot portably register those. */
    public static final List<Class<?>> RESOURCES = List.of(StreamResource.class, PublishResource.class,
            TicketResource.class);

    /** Every provider of Herald's library (not the standalone WAR's whole-application mappers). */
    public static final List<Class<?>> PROVIDERS = List.of(HeraldExceptionMapper.class, HeraldPathProblems.class,
            AccessFilter.class, CorsPreflight.class, CorsHeaders.class, StreamHeadersFilter.class, FrameWriter.class);

    /** What an application that lists its classes adds to them: Herald's resources and this feature. */
    public static Set<Class<?>> classes() {
        Set<Class<?>> classes = new LinkedHashSet<>(RESOURCES);
        classes.add(HeraldFeature.class);
        return classes;
    }

    @Override
    public boolean configure(FeatureContext context) {
        Configuration registered = context.getConfiguration();
        for (Class<?> provider : PROVIDERS) {
            if (!registered.isRegistered(provider)) {
                context.register(provider);
            }
        }
        return true;
    }
}
