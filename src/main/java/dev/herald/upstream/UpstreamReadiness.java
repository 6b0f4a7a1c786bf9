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
 * instance that can give them data. Liveness is not affected; restarting Herald would not mend the upstream. In a
 * cluster only the node that runs an upstream knows its state; the others say "standby" for it.
 */
@Readiness
@ApplicationScoped
public class UpstreamReadiness implements HealthCheck {

    @Inject
    UpstreamSources sources;

    @Inject
    UpstreamSnapshots snapshots;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("herald-upstreams").up();
        for (UpstreamSource source : sources.all()) {
            String state = snapshots.state(source);
            response.withData(source.name(), state);
            if (source.required() && state.equals(ProblemType.UPSTREAM_CIRCUIT_OPEN.slug())) {
                response.down();
            }
        }
        return response.build();
    }
}
