package dev.herald.bench;

import java.util.List;

/**
 * A measured stretch of time: deliveries and server CPU between {@link #open} and {@link #close}; for a cluster also
 * the CPU of what serves its nodes (load balancer, Redis), apart.
 */
final class Window {

    private final Target target;
    private final List<LoadClient> clients;
    private final long startNanos;
    private final long startDelivered;
    private final double startServerCpu;
    private final double startClientCpu;
    private final double startHelperCpu;
    private long nanos;
    private long delivered;
    private double serverCpuMillis;
    private double clientCpuMillis;
    private double helperCpuMillis;

    private Window(Target target, List<LoadClient> clients) {
        this.target = target;
        this.clients = clients;
        startServerCpu = ServerProbe.cpuMillis(target.pids());
        startClientCpu = ServerProbe.selfCpuMillis();
        startHelperCpu = ServerProbe.cpuMillis(target.helperPids());
        startDelivered = delivered(clients);
        startNanos = System.nanoTime();
    }

    /** Counts the deliveries to every subscriber of these clients. */
    static Window open(Target target, LoadClient... clients) {
        return new Window(target, List.of(clients));
    }

    private static long delivered(List<LoadClient> clients) {
        return clients.stream().mapToLong(LoadClient::delivered).sum();
    }

    Window close() {
        nanos = System.nanoTime() - startNanos;
        delivered = delivered(clients) - startDelivered;
        serverCpuMillis = ServerProbe.cpuMillis(target.pids()) - startServerCpu;
        clientCpuMillis = ServerProbe.selfCpuMillis() - startClientCpu;
        helperCpuMillis = ServerProbe.cpuMillis(target.helperPids()) - startHelperCpu;
        return this;
    }

    double seconds() {
        return nanos / 1e9;
    }

    double deliveriesPerSecond() {
        return delivered / seconds();
    }

    /** Server CPU per 1,000 deliveries, in ms. */
    double serverCpuPerThousand() {
        return delivered == 0 ? Double.NaN : serverCpuMillis * 1000.0 / delivered;
    }

    /** CPU of the load balancer and Redis per 1,000 deliveries, in ms (NaN for a target without them). */
    double helperCpuPerThousand() {
        return delivered == 0 || target.helperPids().isEmpty() ? Double.NaN : helperCpuMillis * 1000.0 / delivered;
    }

    /** Server CPU as a share of one core, in percent. */
    double serverCpuPercent() {
        return serverCpuMillis / (nanos / 1e6) * 100;
    }

    /** The load generator's CPU per delivery, in µs. */
    double clientCpuMicrosPerDelivery() {
        return delivered == 0 ? Double.NaN : clientCpuMillis * 1000.0 / delivered;
    }
}
