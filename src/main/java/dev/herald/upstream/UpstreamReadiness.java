package dev.herald.upstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.herald.problem.ProblemType;

/**
 * Not ready while a required upstream's circuit is open: a load balancer should send new subscribers to an
 * instance that can give them data. Liveness is not affected; restarting Herald would not mend the upstream.
 */
@Readiness
@ApplicationScoped
public class UpstreamReadiness implements HealthCheck {

    @Inject
    UpstreamSources sources;

    @Inject
    UpstreamStates states;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("herald-upstreams").up();
        for (UpstreamSource source : sources.all()) {
            Degradation degradation = states.of(source).degradation();
            response.withData(source.name(), degradation == null ? "up" : degradation.type().slug());
            if (source.required() && degradation != null
                    && degradation.type() == ProblemType.UPSTREAM_CIRCUIT_OPEN) {
                response.down();
            }
        }
        return response.build();
    }
}
