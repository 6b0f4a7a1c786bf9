package dev.herald.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;

/**
 * One event of a stream, built by Herald and encoded to its wire form once: a topic's event is framed at publish
 * and the same bytes go to every subscriber and to every replay.
 * <p>
 * It is also a plain {@link OutboundSseEvent}: where the runtime frames events itself (RESTEasy) it reads the
 * getters (data as {@code text/plain} bytes, copied as they are); where it writes them through the application's
 * {@code FrameWriter} (Jersey) the bytes go out as they are.
 */
public final class SseFrame implements OutboundSseEvent {

    private static final AtomicIntegerFieldUpdater<SseFrame> QUEUES =
            AtomicIntegerFieldUpdater.newUpdater(SseFrame.class, "queues");

    private final String comment;
    private final String name;
    private final String id;
    private final long retryMs;
    private final byte[] data;
    private final byte[] wire;
    /** How many subscriber queues hold this frame now; see {@code dev.herald.budget.PendingBytes}. */
    private volatile int queues;
    /** What it holds on the heap: itself, its wire form, data, name and id (see {@link HeapCost}). */
    private final int heapBytes;

    private SseFrame(String comment, String name, String id, long retryMs, byte[] data) {
        this.comment = comment;
        this.name = name;
        this.id = id;
        this.retryMs = retryMs;
        this.data = data;
        this.wire = SseWire.encode(comment, name, id, retryMs, data);
        this.heapBytes = (int) (HeapCost.FRAME + HeapCost.bytes(wire) + HeapCost.bytes(data) + HeapCost.string(name)
                + HeapCost.string(id) + HeapCost.string(comment));
    }

    /** An event; {@code id} and {@code retryMs} are optional (null, negative). */
    public static SseFrame event(String name, String id, long retryMs, byte[] utf8Data) {
        return new SseFrame(null, name, id, retryMs, utf8Data);
    }

    public static SseFrame event(String name, String id, long retryMs, String data) {
        return event(name, id, retryMs, data.getBytes(StandardCharsets.UTF_8));
    }

    /** A comment: ignored by clients. */
    public static SseFrame comment(String text) {
        return new SseFrame(text, null, null, RECONNECT_NOT_SET, null);
    }

    /** A topic's own event (it has an id), as opposed to Herald's {@code subscribed}, errors and comments. */
    public boolean isTopicEvent() {
        return id != null;
    }

    /** A comment: the heartbeat. */
    public boolean isComment() {
        return comment != null;
    }

    public int length() {
        return wire.length;
    }

    /**
     * Its cost on the heap, which the budgets count: for a tiny event several times its {@link #length()}. The data
     * and name it shares with its {@code TopicEvent} are counted here once.
     */
    public int heapBytes() {
        return heapBytes;
    }

    /** One more queue holds this frame; true for the first. */
    public boolean enqueued() {
        return QUEUES.getAndIncrement(this) == 0;
    }

    /** One queue fewer holds this frame; true for the last. */
    public boolean dequeued() {
        return QUEUES.decrementAndGet(this) == 0;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(wire);
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getComment() {
        return comment;
    }

    @Override
    public long getReconnectDelay() {
        return retryMs < 0 ? RECONNECT_NOT_SET : retryMs;
    }

    @Override
    public boolean isReconnectDelaySet() {
        return retryMs >= 0;
    }

    @Override
    public Class<?> getType() {
        return data == null ? null : byte[].class;
    }

    @Override
    public Type getGenericType() {
        return getType();
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.TEXT_PLAIN_TYPE;
    }

    @Override
    public Object getData() {
        return data;
    }
}
