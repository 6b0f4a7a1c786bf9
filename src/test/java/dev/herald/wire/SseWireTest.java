package dev.herald.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseWireTest {

    private static String wire(SseFrame frame) throws IOException {
        var out = new ByteArrayOutputStream();
        frame.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEventHasItsFieldsInTheOrderOfJerseyAndResteasy() throws IOException {
        assertEquals("event: tick\nid: abcdefgh-7\nretry: 3000\ndata: {\"n\":7}\n\n",
                wire(SseFrame.event("tick", "abcdefgh-7", 3000, "{\"n\":7}")));
        assertEquals("event: tick\ndata: {}\n\n", wire(SseFrame.event("tick", null, -1, "{}")));
    }

    @Test
    void everyKindOfLineBreakInDataStartsAnotherDataLineNeverAField() throws IOException {
        String hostile = "a\nevent: error\r\nid: 999\rretry: 1\n\nb";
        assertEquals("event: e\ndata: a\ndata: event: error\ndata: id: 999\ndata: retry: 1\ndata: \ndata: b\n\n",
                wire(SseFrame.event("e", null, -1, hostile)));
        assertEquals("event: e\ndata: x\ndata: \n\n", wire(SseFrame.event("e", null, -1, "x\r\n")));
    }

    @Test
    void multiByteCharactersPassUnchanged() throws IOException {
        assertEquals("event: e\ndata: \"prix 3 €, 東京\"\n\n", wire(SseFrame.event("e", null, -1, "\"prix 3 €, 東京\"")));
    }

    @Test
    void aCommentHasNoDataAndEachLineIsAComment() throws IOException {
        assertEquals(": heartbeat\n\n", wire(SseFrame.comment("heartbeat")));
        assertEquals(": a\n: b\n\n", wire(SseFrame.comment("a\nb")));
    }

    @Test
    void aNameOrIdThatWouldInjectAFieldIsRefused() {
        for (String bad : List.of("x\nevent: y", "x\ry", "x\r\n")) {
            assertThrows(IllegalArgumentException.class, () -> SseFrame.event(bad, null, -1, "{}"));
            assertThrows(IllegalArgumentException.class, () -> SseFrame.event("e", bad, -1, "{}"));
        }
        assertThrows(IllegalArgumentException.class, () -> SseFrame.event("e", "a\0b", -1, "{}"));
    }

    @Test
    void aBatchIsItsFramesInOrderAndCountsOnlyTopicEvents() throws IOException {
        var batch = new FrameBatch(List.of(SseFrame.comment("heartbeat"), SseFrame.event("e", "abcdefgh-1", -1, "1"),
                SseFrame.event("error", null, 5000, "{}"), SseFrame.event("e", "abcdefgh-2", -1, "2")));
        var out = new ByteArrayOutputStream();
        batch.writeTo(out);
        assertEquals(": heartbeat\n\nevent: e\nid: abcdefgh-1\ndata: 1\n\nevent: error\nretry: 5000\ndata: {}\n\n"
                + "event: e\nid: abcdefgh-2\ndata: 2\n\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(2, batch.topicEvents());
        assertThrows(UnsupportedOperationException.class, batch::getData);
        assertEquals("abcdefgh-1", FrameBatch.of(SseFrame.event("e", "abcdefgh-1", -1, "1")).getId());
    }
}
