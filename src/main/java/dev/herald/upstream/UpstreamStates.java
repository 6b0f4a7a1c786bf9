package dev.herald.upstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The state of every upstream, by name; shared by the poller, the fallback, subscriptions and readiness. */
@ApplicationScoped
public class UpstreamStates {

    private final Map<String, SourceState> states = new ConcurrentHashMap<>();

    public SourceState of(UpstreamSource source) {
        return states.computeIfAbsent(source.name(), name -> new SourceState());
    }
}
