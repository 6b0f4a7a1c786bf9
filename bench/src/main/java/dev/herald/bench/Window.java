package dev.herald.bench;

/** A measured stretch of time: deliveries and server CPU between {@link #open} and {@link #close}. */
final class Window {

    private final Target target;
    private final LoadClient client;
    private final long startNanos;
    private final long startDelivered;
    private final double startServerCpu;
    private final double startClientCpu;
    private long nanos;
    private long delivered;
    private double serverCpuMillis;
    private double clientCpuMillis;

    private Window(Target target, LoadClient client) {
        this.target = target;
        this.client = client;
        startServerCpu = ServerProbe.cpuMillis(target.pids());
        startClientCpu = ServerProbe.selfCpuMillis();
        startDelivered = client.delivered();
        startNanos = System.nanoTime();
    }

    static Window open(Target target, LoadClient client) {
        return new Window(target, client);
    }

    Window close() {
        nanos = System.nanoTime() - startNanos;
        delivered = client.delivered() - startDelivered;
        serverCpuMillis = ServerProbe.cpuMillis(target.pids()) - startServerCpu;
        clientCpuMillis = ServerProbe.selfCpuMillis() - startClientCpu;
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

    /** Server CPU as a share of one core, in percent. */
    double serverCpuPercent() {
        return serverCpuMillis / (nanos / 1e6) * 100;
    }

    /** The load generator's CPU per delivery, in µs. */
    double clientCpuMicrosPerDelivery() {
        return delivered == 0 ? Double.NaN : clientCpuMillis * 1000.0 / delivered;
    }
}
