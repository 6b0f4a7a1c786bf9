package dev.herald.bench;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * One simulated subscriber: survives reconnects (a new socket each time, resuming with {@code Last-Event-ID}) and
 * checks the {@code seq} of every benchmark event it receives for duplicates; {@link #lost(long)} counts the gaps.
 * Owned by one {@link EventLoop} thread; the volatile fields are read by the workload thread.
 */
final class Subscription {

    private static final byte[] SUBSCRIBED = "subscribed".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESET = "reset".getBytes(StandardCharsets.US_ASCII);

    final Target target;
    final String topic;
    final boolean slow;
    /** Which of the publisher's topics this is, for workloads with several. */
    int topicIndex;
    /** The first seq this subscriber must receive (events before it were published before it subscribed). */
    volatile long firstExpected = 1;

    EventLoop loop;
    SocketChannel channel;
    SelectionKey key;
    HttpStreamDecoder decoder;
    SseParser parser;
    ByteBuffer pendingRequest;
    boolean closing;
    boolean countedOpen;
    volatile boolean readingAllowed;

    private final BitSet seen = new BitSet();
    String lastEventId = "";

    volatile boolean open;
    volatile long maxSeq;
    volatile long received;
    volatile long duplicates;
    volatile long otherEvents;
    volatile long errorEvents;
    volatile long resets;
    volatile long connects;
    volatile long failures;
    volatile boolean endedByServer;
    volatile int lastStatus;
    volatile long openedAtNanos;
    /** The local port of the current connection (0 before connecting): how the server's side is found in /proc. */
    volatile int localPort;
    long connectStartedNanos;
    long retryAtNanos;
    int retries;
    volatile long timeouts;
    /** Streams the server ended that this subscriber opened again, as an EventSource would. */
    volatile long reconnectsAfterEnd;

    Subscription(Target target, String topic, boolean slow) {
        this.target = target;
        this.topic = topic;
        this.slow = slow;
    }

    /** A fresh decoder for a new connection; the checks carry over. */
    void newConnection(EventLoop loop) {
        parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(SseParser event) {
                Subscription.this.onEvent(loop, event);
            }
        });
        decoder = new HttpStreamDecoder(parser);
        open = false;
        endedByServer = false;
        closing = false;
        countedOpen = false;
        lastStatus = 0;
    }

    ByteBuffer request() {
        StringBuilder request = new StringBuilder(160)
                .append("GET ").append(target.subscribePath(topic)).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.host()).append(':').append(target.port()).append("\r\n")
                .append("Accept: text/event-stream\r\n");
        if (!lastEventId.isEmpty()) {
            request.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
        }
        return ByteBuffer.wrap(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private void onEvent(EventLoop loop, SseParser event) {
        lastEventId = event.lastEventId();
        long seq = Payload.seq(event.data(), event.dataLength());
        if (seq < 0) {
            otherEvents++;
            if (event.eventNameIs(ERROR)) {
                errorEvents++;
            } else if (event.eventNameIs(RESET)) {
                resets++;
            } else if (!event.eventNameIs(SUBSCRIBED)) {
                // some other event without a seq: counted in otherEvents only
            }
            return;
        }
        if (seen.get((int) seq)) {
            duplicates++;
        } else {
            seen.set((int) seq);
        }
        received++;
        if (seq > maxSeq) {
            maxSeq = seq;
        }
        loop.delivered(Payload.nanoTime(event.data(), event.dataLength()));
    }

    /** Events missed between firstExpected and the newest received (racy read from another thread: a progress figure). */
    long gapsSoFar() {
        long max = maxSeq;
        return max < firstExpected ? 0 : (max - firstExpected + 1) - received + duplicates;
    }

    /** Seqs in [from, to] never received, leaving out those {@code skip} names. Call from the owning loop. */
    long missing(long from, long to, java.util.function.LongPredicate skip) {
        long n = 0;
        for (long seq = Math.max(1, from); seq <= to; seq++) {
            if (!seen.get((int) seq) && !skip.test(seq)) {
                n++;
            }
        }
        return n;
    }

    /** Events in [firstExpected, lastPublished] never received. Call from the owning loop or after it stopped. */
    long lost(long lastPublished) {
        long from = firstExpected;
        if (openedAtNanos == 0 || lastPublished < from) { // never subscribed: counted as refused instead
            return 0;
        }
        long expected = lastPublished - from + 1;
        long got = seen.get((int) from, (int) lastPublished + 1).cardinality();
        return expected - got;
    }
}
