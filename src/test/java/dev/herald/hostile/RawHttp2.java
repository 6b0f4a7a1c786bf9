package dev.herald.hostile;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import dev.herald.support.DevCertificate;

/**
 * A bare HTTP/2 client over TLS (ALPN {@code h2}) that writes frames as an attacker would: HEADERS for as many streams
 * as it likes and RST_STREAM for them, without waiting for anything. The JDK's {@code HttpClient} resets a stream too
 * (when its body is closed), but cannot send thousands of HEADERS+RST_STREAM back to back. Headers are HPACK literals
 * without indexing (no Huffman), which every server must read. A reader thread answers SETTINGS and PING, opens the
 * connection's flow-control window, and records GOAWAY and the end of the connection.
 */
final class RawHttp2 implements AutoCloseable {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int RST_STREAM = 3;
    private static final int SETTINGS = 4;
    private static final int PING = 6;
    private static final int GOAWAY = 7;
    private static final int WINDOW_UPDATE = 8;
    private static final int CANCEL = 8;

    private final SSLSocket socket;
    private final OutputStream out;
    private final String authority;
    private final Thread reader;
    private int nextStream = 1;
    private final AtomicInteger goAwayError = new AtomicInteger(-1);
    private final AtomicInteger goAwayLastStream = new AtomicInteger(-1);
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicInteger dataFrames = new AtomicInteger();
    private final AtomicInteger responses = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private RawHttp2(SSLSocket socket, String authority) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        this.authority = authority;
        this.reader = new Thread(this::read, "raw-h2-reader");
        this.reader.setDaemon(true);
    }

    /** Connects to {@code https://localhost:port} with ALPN h2, trusting the build's development certificate. */
    static RawHttp2 connect(int port) {
        try {
            SSLSocket socket = (SSLSocket) DevCertificate.trusting().getSocketFactory().createSocket("localhost", port);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(0);
            socket.startHandshake();
            if (!"h2".equals(socket.getApplicationProtocol())) {
                throw new IllegalStateException("the server did not choose h2: " + socket.getApplicationProtocol());
            }
            RawHttp2 client = new RawHttp2(socket, "localhost:" + port);
            client.out.write(PREFACE);
            client.frame(SETTINGS, 0, 0, new byte[0]);
            // A large connection window, so that many streams' first events are never held back by flow control.
            client.frame(WINDOW_UPDATE, 0, 0, int32(0x3fff_0000));
            client.out.flush();
            client.reader.start();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a GET for {@code path} on a new stream (not flushed), and answers its id. */
    synchronized int get(String path, Map<String, String> headers) throws IOException {
        int stream = nextStream;
        nextStream += 2;
        Map<String, String> all = new LinkedHashMap<>();
        all.put(":method", "GET");
        all.put(":scheme", "https");
        all.put(":authority", authority);
        all.put(":path", path);
        headers.forEach((name, value) -> all.put(name.toLowerCase(), value));
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        all.forEach((name, value) -> {
            block.write(0); // literal without indexing, new name
            string(block, name);
            string(block, value);
        });
        frame(HEADERS, 0x4 | 0x1, stream, block.toByteArray()); // END_HEADERS | END_STREAM
        return stream;
    }

    /** Resets {@code stream} with CANCEL, as a browser does when a page closes an {@code EventSource} (not flushed). */
    synchronized void reset(int stream) throws IOException {
        frame(RST_STREAM, 0, stream, int32(CANCEL));
    }

    synchronized void flush() throws IOException {
        out.flush();
    }

    /** The error code of the server's GOAWAY, or -1 while none came. */
    int goAwayError() {
        return goAwayError.get();
    }

    /** The last stream id the server's GOAWAY says it took, or -1 while none came. */
    int goAwayLastStream() {
        return goAwayLastStream.get();
    }

    /** Whether the server has ended the connection (GOAWAY, or the socket closed). */
    boolean ended() {
        return ended.get() || goAwayError.get() >= 0;
    }

    /** Responses (HEADERS frames) received so far, across streams. */
    int responses() {
        return responses.get();
    }

    /** DATA frames received so far, across streams. */
    int dataFrames() {
        return dataFrames.get();
    }

    /** Streams the server reset (e.g. REFUSED_STREAM beyond its concurrent streams). */
    int resetByServer() {
        return refused.get();
    }

    private void read() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fff_ffff;
                byte[] payload = in.readNBytes(length);
                if (payload.length < length) {
                    break;
                }
                switch (type) {
                    case SETTINGS -> {
                        if ((flags & 0x1) == 0) {
                            synchronized (this) {
                                frame(SETTINGS, 0x1, 0, new byte[0]);
                                out.flush();
                            }
                        }
                    }
                    case PING -> {
                        if ((flags & 0x1) == 0) {
                            synchronized (this) {
                                frame(PING, 0x1, 0, payload);
                                out.flush();
                            }
                        }
                    }
                    case DATA -> {
                        dataFrames.incrementAndGet();
                        if (length > 0) {
                            // Give back what was read on the connection only: a stream's own window (64 KiB) is
                            // plenty here, and a WINDOW_UPDATE for a stream this client has reset is what servers
                            // may take for a protocol error.
                            synchronized (this) {
                                frame(WINDOW_UPDATE, 0, 0, int32(length));
                                out.flush();
                            }
                        }
                    }
                    case RST_STREAM -> refused.incrementAndGet();
                    case HEADERS -> responses.incrementAndGet(); // one block per response here (no trailers)
                    case GOAWAY -> {
                        goAwayLastStream.set(int32(payload, 0) & 0x7fff_ffff);
                        goAwayError.set(int32(payload, 4));
                    }
                    default -> {
                        // HEADERS, WINDOW_UPDATE, PRIORITY: nothing to do
                    }
                }
            }
        } catch (IOException | RuntimeException endOfConnection) {
            // the server closed it, or we did
        } finally {
            ended.set(true);
        }
    }

    private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(int32(stream));
        out.write(payload);
    }

    private static void string(ByteArrayOutputStream block, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        integer(block, bytes.length); // 7-bit prefix, Huffman flag off
        block.writeBytes(bytes);
    }

    private static void integer(ByteArrayOutputStream block, int value) {
        if (value < 127) {
            block.write(value);
            return;
        }
        block.write(127);
        int rest = value - 127;
        while (rest >= 128) {
            block.write(rest % 128 + 128);
            rest /= 128;
        }
        block.write(rest);
    }

    private static int int32(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The path and query of {@code uri}, as {@code :path} wants it. */
    static String path(URI uri) {
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
