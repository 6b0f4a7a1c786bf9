package dev.herald.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The client side of one HTTP/1.1 streaming response, byte by byte: the status line and headers, then the body,
 * de-chunked when {@code Transfer-Encoding: chunked}, handed to an {@link SseParser}. Pure logic, so that it can
 * be tested without a socket.
 */
public final class HttpStreamDecoder {

    private enum State { HEAD, CHUNK_SIZE, CHUNK_EXT, CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF, BODY, DONE }

    private final SseParser parser;

    private State state = State.HEAD;
    private final StringBuilder head = new StringBuilder(256);
    private int status = -1;
    private String contentType = "";
    private boolean chunked;
    private long chunkRemaining;

    public HttpStreamDecoder(SseParser parser) {
        this.parser = parser;
    }

    /**
     * Decodes the next bytes received.
     *
     * @return true when the response head was completed by these bytes
     */
    public boolean feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean headDone = false;
        while (i < end) {
            switch (state) {
                case HEAD -> {
                    char c = (char) (bytes[i++] & 0xFF);
                    head.append(c);
                    int n = head.length();
                    if (c == '\n' && n >= 4 && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n') {
                        parseHead();
                        headDone = true;
                    }
                }
                case CHUNK_SIZE -> {
                    byte b = bytes[i++];
                    int digit = Character.digit(b, 16);
                    if (digit >= 0) {
                        chunkRemaining = chunkRemaining * 16 + digit;
                    } else if (b == '\r') {
                        state = State.CHUNK_SIZE_LF;
                    } else if (b == ';' || b == ' ') {
                        state = State.CHUNK_EXT;
                    } else {
                        throw new IllegalStateException("bad chunk size byte " + b);
                    }
                }
                case CHUNK_EXT -> {
                    if (bytes[i++] == '\r') {
                        state = State.CHUNK_SIZE_LF;
                    }
                }
                case CHUNK_SIZE_LF -> {
                    expect(bytes[i++], '\n');
                    state = chunkRemaining == 0 ? State.DONE : State.CHUNK_DATA;
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkRemaining, end - i);
                    parser.feed(bytes, i, n);
                    i += n;
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        state = State.CHUNK_DATA_CR;
                    }
                }
                case CHUNK_DATA_CR -> {
                    expect(bytes[i++], '\r');
                    state = State.CHUNK_DATA_LF;
                }
                case CHUNK_DATA_LF -> {
                    expect(bytes[i++], '\n');
                    state = State.CHUNK_SIZE;
                }
                case BODY -> {
                    parser.feed(bytes, i, end - i);
                    i = end;
                }
                case DONE -> i = end;
            }
        }
        return headDone;
    }

    private static void expect(byte actual, char wanted) {
        if (actual != wanted) {
            throw new IllegalStateException("bad chunk framing: " + actual + " instead of " + (int) wanted);
        }
    }

    private void parseHead() {
        String[] lines = head.toString().split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
        for (int k = 1; k < lines.length; k++) {
            int colon = lines[k].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[k].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[k].substring(colon + 1).trim();
            if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("content-type")) {
                contentType = value;
            }
        }
        head.setLength(0);
        chunkRemaining = 0;
        state = chunked ? State.CHUNK_SIZE : State.BODY;
    }

    public boolean headReceived() {
        return state != State.HEAD;
    }

    /** The response status, or -1 before the head was received. */
    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** True when a chunked body ended with its last chunk. */
    public boolean ended() {
        return state == State.DONE;
    }

    /** Bytes as text, for tests and error messages. */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
