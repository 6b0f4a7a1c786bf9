package dev.herald.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Consumer;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;

/**
 * What one write to a subscriber's sink carries: one frame, or, where the runtime writes through
 * Herald's message body writer ({@code dev.herald.server.FrameWriter}), every frame the subscriber had queued, so
 * that a subscriber that fell behind catches up with one write and one flush instead of one per event.
 * <p>
 * A batch of one answers the getters of its frame, so a runtime that frames events itself writes it correctly.
 * A batch of more is only ever handed to a runtime known to use that writer (see {@link #writtenByRuntime()}), and
 * has no getters.
 */
public final class FrameBatch implements OutboundSseEvent {

    /** A property of the runtime, the same for every sink and every deployment of this class. */
    private static volatile boolean writtenByRuntime;

    private final List<SseFrame> frames;
    private Consumer<OutputStream> writtenTo = stream -> { };
    private volatile boolean byFrameWriter;

    /** Takes {@code frames} as it is (no copy: a batch is built per write); the caller must not change it. */
    public FrameBatch(List<SseFrame> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("A batch holds at least one frame");
        }
        this.frames = frames;
    }

    public static FrameBatch of(SseFrame frame) {
        return new FrameBatch(List.of(frame));
    }

    /** How many of the topic's own events (not comments, errors or {@code subscribed}) the batch carries. */
    public long topicEvents() {
        return frames.stream().filter(SseFrame::isTopicEvent).count();
    }

    /**
     * One {@code write} for the whole batch (a copy when it holds several frames): Payara's Grizzly promises a
     * flush that does not wait on the client only when a single write followed the {@code isReady()} that said yes;
     * a second write makes the flush block up to the write timeout on a client that stopped reading.
     */
    public void writeTo(OutputStream out) throws IOException {
        if (frames.size() == 1) {
            frames.get(0).writeTo(out);
            return;
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream(frames.stream().mapToInt(SseFrame::length).sum());
        for (SseFrame frame : frames) {
            frame.writeTo(whole);
        }
        whole.writeTo(out);
    }

    /** Tells {@code listener} which stream the runtime's writer wrote this batch to. */
    public FrameBatch whenWritten(Consumer<OutputStream> listener) {
        this.writtenTo = listener;
        return this;
    }

    /**
     * Whether the runtime writes batches through Herald's writer (Jersey does; RESTEasy frames events itself and
     * never calls it): learnt from the first write rather than from the runtime's name. Until then, and for ever on a
     * runtime that does not, subscribers send one frame per write.
     */
    public static boolean writtenByRuntime() {
        return writtenByRuntime;
    }

    /** Called by the runtime's writer, with the response's own stream; true the first time ever. */
    public boolean writtenBy(OutputStream out) throws IOException {
        boolean first = !writtenByRuntime;
        writtenByRuntime = true;
        byFrameWriter = true;
        writeTo(out);
        writtenTo.accept(out);
        return first;
    }

    /** Whether the runtime's writer wrote it: the runtime took the batched write path for this sink. */
    public boolean writtenByFrameWriter() {
        return byFrameWriter;
    }

    private SseFrame single() {
        if (frames.size() != 1) {
            throw new UnsupportedOperationException("A batch of " + frames.size()
                    + " frames is written by Herald's FrameWriter only");
        }
        return frames.get(0);
    }

    @Override
    public String getId() {
        return single().getId();
    }

    @Override
    public String getName() {
        return single().getName();
    }

    @Override
    public String getComment() {
        return single().getComment();
    }

    @Override
    public long getReconnectDelay() {
        return single().getReconnectDelay();
    }

    @Override
    public boolean isReconnectDelaySet() {
        return single().isReconnectDelaySet();
    }

    @Override
    public Class<?> getType() {
        return single().getType();
    }

    @Override
    public Type getGenericType() {
        return single().getGenericType();
    }

    @Override
    public MediaType getMediaType() {
        return single().getMediaType();
    }

    @Override
    public Object getData() {
        return single().getData();
    }
}
