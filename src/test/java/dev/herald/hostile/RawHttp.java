package dev.herald.hostile;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.JsonObject;

import dev.herald.support.HeraldClient;
import dev.herald.support.Waits;

/**
 * One HTTP/1.1 connection driven byte by byte, for what no HTTP client sends: pipelined requests, bodies that
 * trickle or stop, heads that never end. Reads answers in order, de-chunked.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final String host;

    private RawHttp(URI server) throws IOException {
        this(new Socket(server.getHost(), server.getPort()), server);
    }

    private RawHttp(Socket socket, URI server) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        host = server.getHost() + ":" + server.getPort();
    }

    static RawHttp connect(URI server) {
        try {
            return new RawHttp(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A connection from another loopback address ({@code 127.0.0.2}, say) to the server's port on 127.0.0.1: a
     * client the server tells apart from the test's others by its address.
     */
    static RawHttp connectFrom(String localAddress, URI server) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()));
            return new RawHttp(socket, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete request head (CRLF line ends, a Host header, the blank line). */
    String head(String method, String path, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** A publish with a Content-Length that matches its UTF-8 body. */
    String post(String path, String contentType, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type: " + contentType;
        all[1] = "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return head("POST", path, all) + body;
    }

    RawHttp send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next answer on the connection; fails when none comes within {@code bound}. */
    Answer read(Duration bound) {
        try {
            socket.setSoTimeout((int) Waits.scaled(bound).toMillis());
            String status = line();
            if (status == null) {
                throw new AssertionError("the server closed the connection instead of answering");
            }
            Map<String, String> headers = new TreeMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
            String body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked();
            } else {
                body = new String(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))),
                        StandardCharsets.UTF_8);
            }
            return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + bound, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closes the connection (end of stream or reset) within {@code bound}, reading nothing. */
    /** True if the server closed the connection within {@code bound}, with or without an answer first. */
    boolean closedWithin(Duration bound) {
        long deadline = System.nanoTime() + Waits.scaled(bound).toNanos();
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) left);
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().strip(), 16); size > 0; size = Integer.parseInt(line().strip(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        line();
        return body.toString(StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone already
        }
    }

    /** One HTTP answer. */
    record Answer(int status, Map<String, String> headers, String body) {

        JsonObject json() {
            return HeraldClient.json(body);
        }

        boolean closesConnection() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }
    }
}
