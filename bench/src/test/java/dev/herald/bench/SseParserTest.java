package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    /** What the listener saw: "name|id|data" per event, and the comments. */
    private final List<String> events = new ArrayList<>();
    private int comments;
    private final SseParser parser = new SseParser(new SseParser.Listener() {
        @Override
        public void onEvent(SseParser event) {
            events.add(event.eventName() + "|" + event.lastEventId() + "|" + event.dataString());
        }

        @Override
        public void onComment() {
            comments++;
        }
    });

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
    }

    @Test
    void parsesIdEventAndData() {
        feed("id: abc-1\nevent: tick\ndata: {\"seq\":1}\n\n");
        assertEquals(List.of("tick|abc-1|{\"seq\":1}"), events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void acceptsEveryLineEnd(String eol) {
        feed("event: a" + eol + "data: 1" + eol + eol + "data: 2" + eol + eol);
        assertEquals(List.of("a||1", "message||2"), events);
    }

    @Test
    void crlfSplitAcrossReadsIsOneLineEnd() {
        feed("data: x\r");
        feed("\n\r");
        feed("\n");
        assertEquals(List.of("message||x"), events);
    }

    @Test
    void everySplitPointGivesTheSameEvents() {
        String stream = ": hi\nid: 7\nevent: e\ndata: a\ndata: b\n\nretry: 100\ndata:c\r\n\r\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            List<String> seen = new ArrayList<>();
            SseParser p = new SseParser(event -> seen.add(event.eventName() + "|" + event.lastEventId() + "|"
                    + event.dataString()));
            p.feed(bytes, 0, split);
            p.feed(bytes, split, bytes.length - split);
            assertEquals(List.of("e|7|a\nb", "message|7|c"), seen, "split at " + split);
            assertEquals(100, p.retryMs());
        }
    }

    @Test
    void commentsAreCountedNotDispatched() {
        feed(":\n: heartbeat\n\n");
        assertEquals(2, comments);
        assertTrue(events.isEmpty());
    }

    @Test
    void idWithoutDataUpdatesLastIdWithoutDispatching() {
        feed("id: 5\n\ndata: x\n\n");
        assertEquals(List.of("message|5|x"), events);
    }

    @Test
    void idHoldingNulIsIgnored() {
        feed("id: 1\n\nid: a\0b\ndata: x\n\n");
        assertEquals(List.of("message|1|x"), events);
    }

    @Test
    void unfinishedEventIsNotDispatched() {
        feed("data: x\n");
        assertTrue(events.isEmpty());
    }

    @Test
    void retryOnlyWhenAllDigits() {
        feed("retry: 12a\n\nretry: 3000\n\nretry: x\n\n");
        assertEquals(3000, parser.retryMs());
    }

    @Test
    void eventNameResetsAfterDispatch() {
        feed("event: a\ndata: 1\n\ndata: 2\n\n");
        assertEquals(List.of("a||1", "message||2"), events);
    }

    @Test
    void leadingBomIsSkippedOnce() {
        feed("\uFEFFdata: x\n\n");
        assertEquals(List.of("message||x"), events);
    }

    @Test
    void fieldWithoutColonAndUnknownFieldsAreIgnored() {
        feed("data\nfoo: bar\n\n");
        assertEquals(List.of("message||"), events);
    }

    @Test
    void longLinesGrowTheBuffers() {
        String big = "x".repeat(100_000);
        feed("data: " + big + "\n\n");
        assertEquals("message||" + big, events.get(0));
    }
}
