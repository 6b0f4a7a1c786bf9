package dev.herald.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte-level {@code text/event-stream} parser, as the HTML standard describes it: lines end with CRLF, LF or CR;
 * a line starting with {@code :} is a comment; {@code data:} lines are joined with LF; a blank line dispatches the
 * event if it has data; {@code id:} sets the last event id even without data (an id holding NUL is ignored);
 * {@code retry:} counts only when all ASCII digits; one leading BOM is skipped. Allocation-free per event: the
 * listener reads the current event from the parser's buffers.
 */
public final class SseParser {

    /** Receives what the stream carries. Buffers are valid only during the call. */
    public interface Listener {
        void onEvent(SseParser event);

        default void onComment() {
        }
    }

    private static final byte[] DATA = ascii("data");
    private static final byte[] ID = ascii("id");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] RETRY = ascii("retry");

    private final Listener listener;

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lastWasCr;
    private int bomBytesSeen;
    private boolean started;

    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    private byte[] eventName = new byte[32];
    private int eventNameLength;
    private byte[] lastEventId = new byte[32];
    private int lastEventIdLength;
    private long retryMs = -1;

    public SseParser(Listener listener) {
        this.listener = listener;
    }

    /** Parses the next bytes of the stream. */
    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        if (!started) {
            i = skipBom(bytes, i, end);
            if (!started) {
                return;
            }
        }
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                endLine();
            } else if (b == '\r') {
                lastWasCr = true;
                endLine();
            } else {
                lastWasCr = false;
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = b;
            }
        }
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private int skipBom(byte[] bytes, int i, int end) {
        while (i < end && bomBytesSeen < 3) {
            if (bytes[i] != BOM[bomBytesSeen]) {
                // Not a BOM: replay what looked like one (at most two bytes) as content.
                int seen = bomBytesSeen;
                bomBytesSeen = 3;
                started = true;
                if (seen > 0) {
                    feed(BOM, 0, seen);
                }
                return i;
            }
            bomBytesSeen++;
            i++;
        }
        if (bomBytesSeen == 3) {
            started = true;
        }
        return i;
    }

    private void endLine() {
        byte[] l = line;
        int n = lineLength;
        lineLength = 0;
        if (n == 0) {
            dispatch();
            return;
        }
        if (l[0] == ':') {
            listener.onComment();
            return;
        }
        int colon = indexOf(l, n, (byte) ':');
        int nameEnd = colon < 0 ? n : colon;
        int valueStart = colon < 0 ? n : colon + 1;
        if (valueStart < n && l[valueStart] == ' ') {
            valueStart++;
        }
        int valueLength = n - valueStart;
        if (is(l, nameEnd, DATA)) {
            int needed = dataLength + valueLength + 1;
            if (needed > data.length) {
                data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
            }
            if (hasData) {
                data[dataLength++] = '\n';
            }
            System.arraycopy(l, valueStart, data, dataLength, valueLength);
            dataLength += valueLength;
            hasData = true;
        } else if (is(l, nameEnd, EVENT)) {
            if (valueLength > eventName.length) {
                eventName = new byte[valueLength];
            }
            System.arraycopy(l, valueStart, eventName, 0, valueLength);
            eventNameLength = valueLength;
        } else if (is(l, nameEnd, ID)) {
            if (indexOf(l, n, (byte) 0, valueStart) < 0) {
                if (valueLength > lastEventId.length) {
                    lastEventId = new byte[valueLength];
                }
                System.arraycopy(l, valueStart, lastEventId, 0, valueLength);
                lastEventIdLength = valueLength;
            }
        } else if (is(l, nameEnd, RETRY)) {
            long value = 0;
            boolean digits = valueLength > 0;
            for (int i = valueStart; i < n && digits; i++) {
                digits = l[i] >= '0' && l[i] <= '9';
                value = value * 10 + (l[i] - '0');
            }
            if (digits) {
                retryMs = value;
            }
        }
    }

    private void dispatch() {
        if (hasData) {
            listener.onEvent(this);
        }
        hasData = false;
        dataLength = 0;
        eventNameLength = 0;
    }

    private static int indexOf(byte[] bytes, int length, byte wanted) {
        return indexOf(bytes, length, wanted, 0);
    }

    private static int indexOf(byte[] bytes, int length, byte wanted, int from) {
        for (int i = from; i < length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(byte[] bytes, int length, byte[] name) {
        return length == name.length && Arrays.equals(bytes, 0, length, name, 0, length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // --- The current event, for the listener ---

    public byte[] data() {
        return data;
    }

    public int dataLength() {
        return dataLength;
    }

    public String dataString() {
        return new String(data, 0, dataLength, StandardCharsets.UTF_8);
    }

    /** The event's type: {@code message} when the block had no {@code event:} field. */
    public String eventName() {
        return eventNameLength == 0 ? "message" : new String(eventName, 0, eventNameLength, StandardCharsets.UTF_8);
    }

    public boolean eventNameIs(byte[] name) {
        return Arrays.equals(eventName, 0, eventNameLength, name, 0, name.length);
    }

    /** The stream's last event id (kept across events, as EventSource does); empty when none was seen. */
    public String lastEventId() {
        return new String(lastEventId, 0, lastEventIdLength, StandardCharsets.UTF_8);
    }

    /** The last valid {@code retry:} value, or -1. */
    public long retryMs() {
        return retryMs;
    }
}
