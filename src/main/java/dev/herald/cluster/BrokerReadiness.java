package dev.herald.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.herald.problem.ProblemType;

/**
 * {@code herald-broker}: which broker this node uses and, for Redis, whether it answers and can be read. Not ready
 * while it cannot: this node can neither store a publish nor open a stream, and a load balancer should send clients
 * to a node that can. The memory broker is always ready (and this check never touches Redis then).
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    @ConfigProperty(name = "herald.broker", defaultValue = "memory")
    String broker;

    @Inject
    Instance<RedisBroker> redis;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("herald-broker").withData("broker", broker.strip());
        if (!"redis".equals(broker.strip())) {
            return response.up().build();
        }
        RedisBroker engine = redis.get();
        boolean ready = engine.available(); // what the node knows: no call to Redis, so it answers at once
        return response.withData("redis", ready ? "up" : ProblemType.BROKER_UNAVAILABLE.slug()).status(ready).build();
    }
}
