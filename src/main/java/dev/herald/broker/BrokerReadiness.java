package dev.herald.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.herald.problem.ProblemType;
import dev.herald.topic.Broker;

/**
 * {@code herald-broker}: which broker this node uses and whether it can use it now, e.g.
 * {@code {"broker":"redis","redis":"up"}}. Not ready while it cannot: this node can neither store a publish nor open
 * a stream, and a load balancer should send clients to a node that can. The memory broker is always ready; the
 * answer never waits on a broker (it is what the node knows).
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    Broker broker;

    @Override
    public HealthCheckResponse call() {
        boolean ready = broker.available();
        return HealthCheckResponse.named("herald-broker").withData("broker", broker.name())
                .withData(broker.name(), ready ? "up" : ProblemType.BROKER_UNAVAILABLE.slug()).status(ready).build();
    }
}
