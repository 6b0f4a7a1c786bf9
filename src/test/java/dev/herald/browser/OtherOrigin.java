package dev.herald.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A page on another origin than Herald's, for the browser's CORS checks: a blank HTML page on every path, served
 * by the JDK's HTTP server on the tests' page port. {@code http://localhost:<port>} is the origin the test
 * configuration lists ({@code herald.cors.allowed-origins}), {@code http://127.0.0.1:<port>} one it does not: two
 * origins, one server.
 */
public final class OtherOrigin implements AutoCloseable {

    private static final byte[] PAGE = ("<!doctype html><meta charset=\"utf-8\"><title>Another origin</title>"
            + "<p>A page on another origin than Herald's.").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    private OtherOrigin(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16); // every interface: localhost may be ::1
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the other origin's page on port " + port, e);
        }
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, PAGE.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(PAGE);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    public static OtherOrigin serve(int port) {
        return new OtherOrigin(port);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
