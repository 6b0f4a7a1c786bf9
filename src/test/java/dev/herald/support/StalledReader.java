package dev.herald.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A subscriber that sends its request and then stops reading, with the socket left open and a tiny receive
 * window: what a frozen browser tab or a stuck consumer looks like to the server.
 */
public final class StalledReader implements AutoCloseable {

    private final Socket socket;
    /** The end of a chunked response. */
    private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private boolean ended;

    public StalledReader(URI uri) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Starts reading at last: everything the server still managed to send, until its response ended (the last
     * chunk, or the connection closed) or the time ran out.
     */
    public String drain(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        InputStream in = socket.getInputStream();
        try {
            int n;
            while ((n = in.read(chunk)) != -1) {
                received.write(chunk, 0, n);
                if (endsWith(received, LAST_CHUNK)) {
                    ended = true;
                    return received.toString(StandardCharsets.UTF_8);
                }
            }
            ended = true;
        } catch (SocketTimeoutException stillOpen) {
            // what arrived so far is the answer
        } catch (IOException reset) {
            ended = true;
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /**
     * Whether the server ended the response by the end of the last {@link #drain}: with its last chunk (the
     * connection may then serve another request), or by closing or resetting the connection.
     */
    public boolean ended() {
        return ended;
    }

    private static boolean endsWith(ByteArrayOutputStream received, byte[] tail) {
        byte[] bytes = received.toByteArray();
        return bytes.length >= tail.length
                && Arrays.equals(bytes, bytes.length - tail.length, bytes.length, tail, 0, tail.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
