package dev.herald.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP upstream on loopback (the JDK's HTTP server) that the tests can break on purpose.
 * {@code /poll} and {@code /cold} behave as told; {@code /missing} always answers 404; {@code /stream} is an
 * SSE stream (see {@link FakeEventStream}).
 */
public final class FakeUpstream implements AutoCloseable {

    /** How {@code /poll} answers. */
    public enum Fault { NONE, FAIL, HANG, GARBAGE, RESET }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger pollRequests = new AtomicInteger();
    private volatile Fault fault = Fault.NONE;
    private volatile String json = "{}";
    private final FakeEventStream stream = new FakeEventStream();

    private FakeUpstream(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(threads);
        server.createContext("/poll", this::poll);
        server.createContext("/cold", exchange -> answer(exchange, 500, "cold"));
        server.createContext("/missing", exchange -> answer(exchange, 404, "no such thing"));
        server.createContext("/stream", stream);
        server.start();
    }

    public static FakeUpstream start(int port) {
        try {
            return new FakeUpstream(port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the fake upstream on port " + port, e);
        }
    }

    /** Healthy again, serving this JSON (with an ETag derived from it). */
    public void serve(String newJson) {
        json = newJson;
        fault = Fault.NONE;
    }

    public void fail(Fault newFault) {
        fault = newFault;
    }

    public FakeEventStream stream() {
        return stream;
    }

    public int pollRequests() {
        return pollRequests.get();
    }

    private void poll(HttpExchange exchange) throws IOException {
        pollRequests.incrementAndGet();
        switch (fault) {
            case FAIL -> answer(exchange, 500, "broken on purpose");
            case GARBAGE -> answer(exchange, 200, "{\"price\": 1.0, oops");
            case RESET -> exchange.close(); // no status line: the connection just ends
            case HANG -> {
                try {
                    Thread.sleep(5_000); // longer than Herald's timeout in the test configuration
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            case NONE -> {
                String current = json;
                String etag = "\"" + Integer.toHexString(current.hashCode()) + "\"";
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.getResponseHeaders().add("ETag", etag);
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                } else {
                    exchange.getResponseHeaders().add("ETag", etag);
                    answer(exchange, 200, current);
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        stream.close();
        server.stop(0);
        threads.shutdownNow();
    }
}
