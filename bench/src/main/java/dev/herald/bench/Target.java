package dev.herald.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A server under test, started by bench/run.sh: its kind decides the URIs and the publish body; its pids are
 * the processes whose CPU and memory are read from /proc. A cluster (several Herald nodes behind a load balancer)
 * has the load balancer as its base, its nodes' URIs (to publish or subscribe on one node directly) and the pids of
 * what it needs besides its nodes (the load balancer, Redis), whose CPU is reported apart.
 */
record Target(String name, Kind kind, URI base, List<Long> pids, List<URI> nodes, List<Long> helperPids) {

    enum Kind { HERALD, PLAIN, NCHAN }

    /** {@code name=kind,http://host:port,pid[+pid…][,nodes=http://host:port+http://host:port][,helpers=pid[+pid…]]} */
    static Target parse(String spec) {
        int eq = spec.indexOf('=');
        String[] parts = spec.substring(eq + 1).split(",");
        List<URI> nodes = List.of();
        List<Long> helpers = List.of();
        for (int i = 3; i < parts.length; i++) {
            String[] option = parts[i].split("=", 2);
            switch (option[0]) {
                case "nodes" -> nodes = plusList(option[1]).stream().map(URI::create).toList();
                case "helpers" -> helpers = plusList(option[1]).stream().map(Long::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown target option " + parts[i] + " in " + spec);
            }
        }
        return new Target(spec.substring(0, eq), Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)),
                URI.create(parts[1]), plusList(parts[2]).stream().map(Long::valueOf).toList(), nodes, helpers);
    }

    private static List<String> plusList(String value) {
        return Arrays.asList(value.split("\\+"));
    }

    /** Whether this target is several nodes behind a load balancer. */
    boolean clustered() {
        return nodes.size() > 1;
    }

    /** How many nodes serve the subscribers: 1 for a single server. */
    int nodeCount() {
        return Math.max(1, nodes.size());
    }

    /**
     * Node {@code index} (0-based) reached directly, not through the load balancer; a single server is every
     * node, so a workload that publishes on one node and reads on another measures one server against itself.
     */
    Target node(int index) {
        return nodes.isEmpty() ? this : new Target(name, kind, nodes.get(index), pids, List.of(), helperPids);
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
