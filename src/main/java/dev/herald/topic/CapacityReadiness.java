package dev.herald.topic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while there is no room for another stream (the stream limit, the budget of pending events, or the
 * heap after a collection): a load balancer sends new clients to another instance before this one has to refuse
 * them. Open streams carry on.
 */
@Readiness
@ApplicationScoped
public class CapacityReadiness implements HealthCheck {

    private static final long MIB = 1024 * 1024;

    @Inject
    TopicRegistry topics;

    @Override
    public HealthCheckResponse call() {
        TopicRegistry.Usage usage = topics.usage();
        return HealthCheckResponse.named("herald-capacity")
                .status(!usage.full())
                .withData("streams", usage.streams() + "/" + usage.maxStreams())
                .withData("topics", usage.topics() + "/" + usage.maxTopics())
                .withData("historyMiB", usage.historyBytes() / MIB + "/" + usage.maxHistoryBytes() / MIB)
                .withData("pendingMiB", usage.pendingBytes() / MIB + "/" + usage.maxPendingBytes() / MIB)
                .withData("heapAfterGcMiB", usage.heapAfterGc() / MIB + "/" + usage.maxHeap() / MIB)
                .build();
    }
}
