package dev.herald.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.herald.topic.EventId;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicName;
import dev.herald.wire.SseFrame;

class PendingBytesTest {

    private static SseFrame event(long sequence) {
        return new TopicEvent(TopicName.of("t"), new EventId("abcdefgh", sequence), "e", "{}").frame();
    }

    @Test
    void aFrameQueuedByManySubscribersCountsOnceUntilTheLastLetsGo() {
        PendingBytes pending = new PendingBytes(1 << 20);
        SseFrame frame = event(1);
        for (int subscriber = 0; subscriber < 1000; subscriber++) {
            pending.enqueued(frame);
        }
        assertEquals(frame.heapBytes(), pending.used());
        for (int subscriber = 0; subscriber < 999; subscriber++) {
            pending.dequeued(frame);
        }
        assertEquals(frame.heapBytes(), pending.used());
        pending.dequeued(frame);
        assertEquals(0, pending.used());
    }

    @Test
    void commentsAndHeraldsOwnEventsAreNotCounted() {
        PendingBytes pending = new PendingBytes(1 << 20);
        pending.enqueued(SseFrame.comment("heartbeat"));
        pending.enqueued(SseFrame.event("subscribed", null, 3000, "{}"));
        assertEquals(0, pending.used());
    }

    @Test
    void fullOnceTheBudgetIsReached() {
        SseFrame frame = event(1);
        PendingBytes pending = new PendingBytes(2L * frame.heapBytes());
        pending.enqueued(frame);
        assertFalse(pending.full());
        pending.enqueued(event(2));
        assertTrue(pending.full());
    }
}
