package dev.herald.bench;

import java.nio.charset.StandardCharsets;

/**
 * The JSON data of every benchmark event: {@code {"seq":N,"t":NANOS,"pad":"xx…"}}, padded to a size. {@code seq}
 * counts per topic from 1 (gaps and duplicates are checked on it, whatever ids the target assigns), {@code t} is
 * the publisher's {@link System#nanoTime()} at the event's scheduled time (one clock, one host), so latency
 * includes any delay of the publisher itself (open model, no coordinated omission).
 */
public final class Payload {

    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] T = "\"t\":".getBytes(StandardCharsets.US_ASCII);

    private Payload() {
    }

    public static String of(long seq, long nanoTime, int size) {
        StringBuilder json = new StringBuilder(size + 16)
                .append("{\"seq\":").append(seq).append(",\"t\":").append(nanoTime).append(",\"pad\":\"");
        int pad = Math.max(0, size - json.length() - 2);
        for (int i = 0; i < pad; i++) {
            json.append((char) ('a' + i % 26));
        }
        return json.append("\"}").toString();
    }

    /** The {@code seq} of a payload, or -1 when the data is not a benchmark payload. */
    public static long seq(byte[] data, int length) {
        return number(data, length, SEQ);
    }

    /** The {@code t} of a payload, or -1. */
    public static long nanoTime(byte[] data, int length) {
        return number(data, length, T);
    }

    private static long number(byte[] data, int length, byte[] key) {
        // The keys come first, so a short scan finds them.
        int limit = Math.min(length, 64) - key.length;
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int k = 0; k < key.length; k++) {
                if (data[i + k] != key[k]) {
                    continue outer;
                }
            }
            int p = i + key.length;
            boolean negative = p < length && data[p] == '-';
            if (negative) {
                p++;
            }
            long value = 0;
            int start = p;
            while (p < length && data[p] >= '0' && data[p] <= '9') {
                value = value * 10 + (data[p++] - '0');
            }
            return p == start ? -1 : negative ? -value : value;
        }
        return -1;
    }
}
