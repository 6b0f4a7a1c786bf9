package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HttpStreamDecoderTest {

    private final List<String> data = new ArrayList<>();
    private final HttpStreamDecoder decoder = new HttpStreamDecoder(new SseParser(e -> data.add(e.dataString())));

    @Test
    void chunkedBodySplitAnywhere() {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "9\r\ndata: ab\n\r\n" + "1;x=y\r\n\n\r\n" + "e\r\ndata: {\"c\":1}\n\r\n" + "2\r\n\n\n\r\n" + "0\r\n\r\n";
        byte[] bytes = HttpStreamDecoder.ascii(response);
        for (int split = 0; split <= bytes.length; split++) {
            data.clear();
            HttpStreamDecoder d = new HttpStreamDecoder(new SseParser(e -> data.add(e.dataString())));
            boolean head = d.feed(bytes, 0, split) | d.feed(bytes, split, bytes.length - split);
            assertTrue(head);
            assertEquals(200, d.status());
            assertEquals(List.of("ab", "{\"c\":1}"), data, "split at " + split);
            assertTrue(d.ended());
        }
    }

    @Test
    void identityBodyUntilClose() {
        byte[] bytes = HttpStreamDecoder.ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: x\n\n");
        assertTrue(decoder.feed(bytes, 0, bytes.length));
        assertEquals("text/event-stream", decoder.contentType());
        assertEquals(List.of("x"), data);
        assertFalse(decoder.ended());
    }

    @Test
    void statusOfARefusal() {
        byte[] bytes = HttpStreamDecoder.ascii("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
        decoder.feed(bytes, 0, bytes.length);
        assertEquals(503, decoder.status());
    }

    @Test
    void payloadFieldsAreReadFromBytes() {
        byte[] json = HttpStreamDecoder.ascii(Payload.of(42, -123456789L, 256));
        assertEquals(256, json.length);
        assertEquals(42, Payload.seq(json, json.length));
        assertEquals(-123456789L, Payload.nanoTime(json, json.length));
        byte[] other = HttpStreamDecoder.ascii("{\"topic\":\"x\"}");
        assertEquals(-1, Payload.seq(other, other.length));
    }
}
