package dev.herald.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/** Size and deadline, on a fake clock that each read of a trickling body advances. */
class BoundedBodyTest {

    private final AtomicLong now = new AtomicLong(1_000);

    /** One byte per read; every read takes {@code nanosPerByte} on the fake clock. */
    private InputStream trickle(byte[] bytes, long nanosPerByte) {
        return new InputStream() {
            int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (next == bytes.length) {
                    return -1;
                }
                now.addAndGet(nanosPerByte);
                buffer[offset] = bytes[next++];
                return 1;
            }
        };
    }

    private byte[] read(InputStream in, int max, long timeout) {
        return BoundedBody.read(in, max, timeout, now::get);
    }

    private static HeraldException refusal(ProblemType type, Runnable read) {
        HeraldException refused = assertThrows(HeraldException.class, read::run);
        assertEquals(type, refused.type());
        assertTrue(refused.closesConnection(), "unread bytes are left: the connection must close");
        return refused;
    }

    @Test
    void readsABodyWithinSizeAndTime() {
        byte[] body = "{\"event\":\"x\",\"data\":1}".getBytes();
        assertArrayEquals(body, read(new ByteArrayInputStream(body), body.length, 10));
        assertArrayEquals(body, read(trickle(body, 10), body.length, 10 * body.length));
        assertArrayEquals(new byte[0], read(new ByteArrayInputStream(new byte[0]), 10, 10));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithoutReadingItAll() {
        ByteArrayInputStream big = new ByteArrayInputStream(new byte[50_000]);
        refusal(ProblemType.PAYLOAD_TOO_LARGE, () -> read(big, 1000, Long.MAX_VALUE / 4));
        assertTrue(big.available() > 40_000, "stopped at the first chunk past the limit");
        refusal(ProblemType.PAYLOAD_TOO_LARGE, () -> read(new ByteArrayInputStream(new byte[1001]), 1000, 10));
    }

    @Test
    void aTricklingBodyIsCutAtTheDeadline() {
        InputStream slow = trickle(new byte[100], 1_000);
        refusal(ProblemType.REQUEST_TIMEOUT, () -> read(slow, 1000, 10_000));
        assertEquals(1_000 + 11_000, now.get(), "refused at the first read past the deadline, not at the end");
    }

    @Test
    void aFailedReadIsATimeoutAndItsMessageStaysInside() {
        InputStream silent = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("Read timed out on 10.0.0.7:8080");
            }
        };
        HeraldException refused = refusal(ProblemType.REQUEST_TIMEOUT, () -> read(silent, 1000, 10));
        assertTrue(!refused.detail().contains("10.0.0.7"), refused.detail());
    }
}
