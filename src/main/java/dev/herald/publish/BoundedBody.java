package dev.herald.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * Reads a request body whole, within a size and a deadline. A blocking read cannot be interrupted, so the deadline
 * is checked after each read: a body that trickles in is refused as soon as the deadline passes, and one that
 * goes silent when the server's own read timeout (set below the deadline in {@code server-config}) fails the read.
 */
final class BoundedBody {

    private BoundedBody() {
    }

    /**
     * @param timeoutNanos how long the whole body may take, from now
     * @param clock        {@link System#nanoTime()} in production
     */
    static byte[] read(InputStream body, int maxBytes, long timeoutNanos, LongSupplier clock) {
        long deadline = clock.getAsLong() + timeoutNanos;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = readSome(body, chunk)) != -1) {
            if (buffer.size() + read > maxBytes) {
                throw new UnreadBodyException(ProblemType.PAYLOAD_TOO_LARGE,
                        "The request body exceeds " + maxBytes + " bytes.");
            }
            buffer.write(chunk, 0, read);
            if (clock.getAsLong() - deadline > 0) {
                throw timedOut();
            }
        }
        return buffer.toByteArray();
    }

    /**
     * A failed read is a client that went silent (the server's read timeout) or went away: either way the body
     * did not arrive in time. The exception's message is the server's and stays out of the answer.
     */
    private static int readSome(InputStream body, byte[] chunk) {
        try {
            return body.read(chunk);
        } catch (IOException | RuntimeException e) {
            throw timedOut();
        }
    }

    private static HeraldException timedOut() {
        return new UnreadBodyException(ProblemType.REQUEST_TIMEOUT, "The request body did not arrive in time.");
    }
}
