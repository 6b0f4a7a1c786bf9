package dev.herald.upstream;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.herald.topic.TopicName;

/**
 * The upstreams of {@code herald.upstreams} (a comma-separated list of names), each described by
 * {@code herald.upstream.<name>.*}. A bad entry stops the deployment with a message naming the key.
 */
@ApplicationScoped
public class UpstreamSources {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern EVENT = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    private List<UpstreamSource> sources;

    protected UpstreamSources() {
        // for the CDI proxy
    }

    @Inject
    public UpstreamSources(Config config, @ConfigProperty(name = "herald.upstreams", defaultValue = " ") String names) {
        this.sources = Arrays.stream(names.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(name -> read(config, name))
                .toList();
        long distinctTopics = sources.stream().map(UpstreamSource::topic).distinct().count();
        if (distinctTopics != sources.size()) {
            throw new IllegalArgumentException("herald.upstreams: each upstream must feed a topic of its own");
        }
    }

    private static UpstreamSource read(Config config, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("herald.upstreams: '" + name + "' is not a valid upstream name"
                    + " (1 to 32 characters from a-z, 0-9 and '-')");
        }
        String prefix = "herald.upstream." + name + ".";
        URI url = URI.create(config.getValue(prefix + "url", String.class));
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException(prefix + "url must be an absolute http or https URL");
        }
        UpstreamSource.Kind kind = kind(config, prefix);
        TopicName topic = TopicName.of(config.getOptionalValue(prefix + "topic", String.class).orElse(name));
        long interval = config.getOptionalValue(prefix + "interval-ms", Long.class)
                .orElse(kind == UpstreamSource.Kind.POLL ? 5000L : 2000L);
        if (interval < 100) {
            throw new IllegalArgumentException(prefix + "interval-ms must be at least 100");
        }
        String event = config.getOptionalValue(prefix + "event", String.class).orElse("snapshot");
        if (!EVENT.matcher(event).matches()) {
            throw new IllegalArgumentException(prefix + "event is not a valid event name");
        }
        boolean required = config.getOptionalValue(prefix + "required", Boolean.class).orElse(true);
        return new UpstreamSource(name, kind, url, topic, interval, event, required);
    }

    private static UpstreamSource.Kind kind(Config config, String prefix) {
        String kind = config.getOptionalValue(prefix + "kind", String.class).orElse("poll").trim();
        return switch (kind) {
            case "poll" -> UpstreamSource.Kind.POLL;
            case "sse" -> UpstreamSource.Kind.SSE;
            default -> throw new IllegalArgumentException(prefix + "kind must be 'poll' or 'sse', not '" + kind + "'");
        };
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
