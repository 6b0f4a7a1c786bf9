package dev.herald.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A subscriber that sends its request and then stops reading, with the socket left open and a tiny receive
 * window: what a frozen browser tab or a stuck consumer looks like to the server.
 */
public final class StalledReader implements AutoCloseable {

    private final Socket socket;

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

    /** Starts reading at last: everything the server still managed to send, until it closed or the time ran out. */
    public String drain(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        InputStream in = socket.getInputStream();
        try {
            int n;
            while ((n = in.read(chunk)) != -1) {
                received.write(chunk, 0, n);
            }
        } catch (IOException timedOutOrReset) {
            // what arrived so far is the answer
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
