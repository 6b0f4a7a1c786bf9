package dev.herald.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrorEventsTest {

    private final RetryPolicy retry = new RetryPolicy(3000, 3_600_000, 30_000, 10_000);

    @Test
    void aFatalProblemGetsTheLongRetryInBothPlaces() {
        String frame = ErrorEvents.frame(retry.problem(ProblemType.UNKNOWN_TOPIC, "There is no topic named 'x'."));
        assertEquals("retry: 3600000\nevent: error\ndata: {\"type\":\"urn:herald:problem:unknown-topic\","
                + "\"title\":\"Unknown topic\",\"status\":404,\"detail\":\"There is no topic named 'x'.\","
                + "\"retryable\":false,\"retryAfterMs\":3600000}\n\n", frame);
    }

    @Test
    void aDetailWithLineBreaksStaysOnOneDataLine() {
        String frame = ErrorEvents.frame(retry.problem(ProblemType.INTERNAL_ERROR, "a\nb\r\nevent: x"));
        assertEquals(4, frame.split("\n", -1).length - 1, "three lines and the blank line: " + frame);
        assertTrue(frame.contains("\"retryAfterMs\":3000"));
    }

    @Test
    void shutdownRetriesAreSpreadAboveTheBase() {
        for (int i = 0; i < 100; i++) {
            long delay = retry.shutdown().retryAfterMs();
            assertTrue(delay >= 30_000 && delay < 40_000, "delay " + delay);
        }
    }
}
