package dev.herald.upstream;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;
import dev.herald.topic.TopicName;

/**
 * The upstreams of {@code herald.upstreams} (a comma-separated list of names), each described by
 * {@code herald.upstream.<name>.*}, their leases and the relay's idle timeout, read and checked once, at start-up:
 * a bad entry stops the deployment with a message naming the key (docs/upstreams.md).
 */
@ApplicationScoped
public class UpstreamSettings {

    static final Setting UPSTREAMS = Setting.of("herald.upstreams");
    static final Setting LEASE_MS = Setting.of("herald.upstream.lease-ms", "10000");
    static final Setting RELAY_IDLE_TIMEOUT_MS = Setting.of("herald.relay.idle-timeout-ms", "300000");
    static final Setting URL = Setting.of("herald.upstream.<name>.url");
    static final Setting KIND = Setting.of("herald.upstream.<name>.kind", "poll");
    /** Without a default of its own: the upstream's name. */
    static final Setting TOPIC = Setting.of("herald.upstream.<name>.topic");
    /** Without one default: {@link #POLL_INTERVAL_MS} or {@link #RELAY_INTERVAL_MS}, by kind. */
    static final Setting INTERVAL_MS = Setting.of("herald.upstream.<name>.interval-ms");
    static final Setting EVENT = Setting.of("herald.upstream.<name>.event", "snapshot");
    static final Setting REQUIRED = Setting.of("herald.upstream.<name>.required", "true");

    static final long POLL_INTERVAL_MS = 5000;
    static final long RELAY_INTERVAL_MS = 2000;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    private List<UpstreamSource> sources;
    private long leaseMs;
    private long relayIdleTimeoutMs;

    protected UpstreamSettings() {
        // for the CDI proxy
    }

    @Inject
    public UpstreamSettings(Config config) {
        Settings settings = Settings.of(config);
        this.sources = Arrays.stream(settings.optional(UPSTREAMS).orElse("").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(name -> read(settings, name))
                .toList();
        long distinctTopics = sources.stream().map(UpstreamSource::topic).distinct().count();
        if (distinctTopics != sources.size()) {
            throw new IllegalArgumentException(UPSTREAMS + ": each upstream must feed a topic of its own");
        }
        this.leaseMs = settings.atLeast(LEASE_MS, 300);
        this.relayIdleTimeoutMs = settings.positive(RELAY_IDLE_TIMEOUT_MS);
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the settings: a bad one stops the deployment
    }

    private static UpstreamSource read(Settings settings, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(UPSTREAMS + ": '" + name + "' is not a valid upstream name"
                    + " (1 to 32 characters from a-z, 0-9 and '-')");
        }
        URI url = URI.create(settings.text(URL.member(name)));
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException(URL.member(name) + " must be an absolute http or https URL");
        }
        UpstreamSource.Kind kind = switch (settings.oneOf(KIND.member(name), "poll", "sse")) {
            case "sse" -> UpstreamSource.Kind.SSE;
            default -> UpstreamSource.Kind.POLL;
        };
        TopicName topic = TopicName.of(settings.optional(TOPIC.member(name)).orElse(name));
        Setting interval = INTERVAL_MS.member(name);
        long intervalMs = settings.optional(interval).isPresent() ? settings.atLeast(interval, 100)
                : kind == UpstreamSource.Kind.POLL ? POLL_INTERVAL_MS : RELAY_INTERVAL_MS;
        String event = settings.text(EVENT.member(name));
        if (!EVENT_NAME.matcher(event).matches()) {
            throw new IllegalArgumentException(EVENT.member(name) + " is not a valid event name");
        }
        boolean required = settings.flag(REQUIRED.member(name));
        return new UpstreamSource(name, kind, url, topic, intervalMs, event, required);
    }

    List<UpstreamSource> sources() {
        return sources;
    }

    /** With {@code herald.broker=redis}: the lease that runs each upstream on one node (at least 300 ms). */
    public long leaseMs() {
        return leaseMs;
    }

    /** A relayed stream silent this long is taken for dead and reopened. */
    public long relayIdleTimeoutMs() {
        return relayIdleTimeoutMs;
    }
}
