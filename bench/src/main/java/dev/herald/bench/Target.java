package dev.herald.bench;

import java.net.URI;
import java.util.List;

/**
 * A server under test, started by bench/run.sh: its kind decides the URIs and the publish body; its pids are
 * the processes whose CPU and memory are read from /proc.
 */
record Target(String name, Kind kind, URI base, List<Long> pids) {

    enum Kind { HERALD, PLAIN, NCHAN }

    /** {@code name=kind,http://host:port,pid[+pid…]} */
    static Target parse(String spec) {
        int eq = spec.indexOf('=');
        String[] parts = spec.substring(eq + 1).split(",");
        List<Long> pids = java.util.Arrays.stream(parts[2].split("\\+")).map(Long::valueOf).toList();
        return new Target(spec.substring(0, eq), Kind.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)),
                URI.create(parts[1]), pids);
    }

    String host() {
        return base.getHost();
    }

    int port() {
        return base.getPort();
    }

    String subscribePath(String topic) {
        return kind == Kind.NCHAN ? "/sub/" + topic : "/api/topics/" + topic;
    }

    URI publishUri(String topic) {
        return base.resolve(kind == Kind.NCHAN ? "/pub/" + topic : "/api/topics/" + topic + "/events");
    }

    String publishBody(String payload) {
        return kind == Kind.HERALD ? "{\"event\":\"bench\",\"data\":" + payload + "}" : payload;
    }

    boolean jvm() {
        return kind != Kind.NCHAN;
    }
}
