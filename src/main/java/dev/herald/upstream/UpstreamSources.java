package dev.herald.upstream;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.herald.topic.TopicName;

/** The upstreams that feed topics, as {@link UpstreamSettings} read them. */
@ApplicationScoped
public class UpstreamSources {

    private List<UpstreamSource> sources;

    protected UpstreamSources() {
        // for the CDI proxy
    }

    @Inject
    public UpstreamSources(UpstreamSettings settings) {
        this.sources = settings.sources();
    }

    public List<UpstreamSource> all() {
        return sources;
    }

    public List<UpstreamSource> all(UpstreamSource.Kind kind) {
        return sources.stream().filter(source -> source.kind() == kind).toList();
    }

    public Optional<UpstreamSource> feeding(TopicName topic) {
        return sources.stream().filter(source -> source.topic().equals(topic)).findFirst();
    }
}
