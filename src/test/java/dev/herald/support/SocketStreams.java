package dev.herald.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Bare sockets speaking just enough HTTP/1.1 for attacks in numbers: thousands of streams or HEADs without a
 * client library's threads and pools in the way.
 */
public final class SocketStreams {

    private SocketStreams() {
    }

    /** Opens a stream and returns once its {@code subscribed} event arrived; closing the socket is the caller's. */
    public static Socket open(URI topic) throws IOException {
        Socket socket = connect(topic);
        send(socket, "GET", topic, "text/event-stream");
        readUntil(socket, "event: subscribed");
        return socket;
    }

    /** Sends one request and reads the response head; returns it (status line and headers). */
    public static String head(URI topic, String accept) throws IOException {
        try (Socket socket = connect(topic)) {
            send(socket, "HEAD", topic, accept);
            return readUntil(socket, "\r\n\r\n");
        }
    }

    private static Socket connect(URI uri) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String method, URI uri, String accept) throws IOException {
        String request = method + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAccept: " + accept + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String readUntil(Socket socket, String marker) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[4096];
        while (!received.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("The server closed before '" + marker.strip() + "': " + received);
            }
            received.write(chunk, 0, n);
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
