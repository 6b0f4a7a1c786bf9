package dev.herald.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.sse.OutboundSseEvent;

/** What a test sink was handed, as the bytes a client would read: Herald's sinks receive pre-encoded frame batches. */
public final class FrameWire {

    private FrameWire() {
    }

    public static String text(OutboundSseEvent sent) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try {
            ((FrameBatch) sent).writeTo(wire);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wire.toString(StandardCharsets.UTF_8);
    }
}
