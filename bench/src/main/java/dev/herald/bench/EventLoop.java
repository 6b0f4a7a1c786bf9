package dev.herald.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * One selector thread driving many subscriptions: connects (at most {@code maxConnecting} at a time, so that a
 * server's accept backlog is not what is measured), reads, decodes and checks. Latencies go into this thread's
 * own histogram; the workload thread reads it after {@link #call} so no histogram is shared while recording.
 */
final class EventLoop implements Runnable {

    /** A subscriber that stops reading gets a small receive buffer, so that the server feels it soon. */
    static final int SLOW_RECEIVE_BUFFER = 4096;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Subscription> toConnect = new ArrayDeque<>();
    /** Subscriptions waiting to retry after a network error, as EventSource does (not after a non-200 answer). */
    /** Connections to open again, soonest first (a failed connect after 1 s, an ended stream after its retry:). */
    private final PriorityQueue<Subscription> toRetry =
            new PriorityQueue<>(Comparator.comparingLong((Subscription s) -> s.retryAtNanos));
    /** A response head not received after this long counts as a network error. */
    static final long HEAD_TIMEOUT_NANOS = 10_000_000_000L;
    static final long RETRY_DELAY_NANOS = 1_000_000_000L;
    static final int MAX_RETRIES = 10;
    /** EventSource's own reconnection time when the server never sent retry: (a few seconds in browsers). */
    static final long DEFAULT_RECONNECT_MILLIS = 3000;
    private long lastSweep;
    private final int maxConnecting;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
    final List<Subscription> subscriptions = new ArrayList<>();

    private int connecting;
    private volatile boolean running = true;
    private long now;

    final Histogram latencyMicros = new Histogram(120_000_000L, 3);
    volatile boolean recording;
    /** While recording, only events due (published) up to this time count: late deliveries of a window's events. */
    volatile long recordDueUntilNanos = Long.MAX_VALUE;
    volatile long delivered;

    EventLoop(String name, int maxConnecting) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.maxConnecting = maxConnecting;
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs a task on this loop's thread and waits for it. */
    void call(Runnable task) {
        CountDownLatch done = new CountDownLatch(1);
        tasks.add(() -> {
            try {
                task.run();
            } finally {
                done.countDown();
            }
        });
        selector.wakeup();
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("event loop did not answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void submit(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    void add(Subscription subscription) {
        submit(() -> {
            subscriptions.add(subscription);
            toConnect.add(subscription);
        });
    }

    /** Closes every connection of this loop at once, then reconnects each with its Last-Event-ID. */
    void dropAndReconnect() {
        submit(() -> {
            for (Subscription s : subscriptions) {
                close(s);
            }
            toConnect.addAll(subscriptions);
        });
    }

    void setReading(Subscription s, boolean reading) {
        s.readingAllowed = reading;
        submit(() -> {
            if (s.key != null && s.key.isValid() && s.open) {
                s.key.interestOps(reading ? SelectionKey.OP_READ : 0);
            }
        });
    }

    void delivered(long sentNanos) {
        delivered++;
        if (recording && sentNanos != -1 && sentNanos <= recordDueUntilNanos) {
            long micros = Math.max(0, (now - sentNanos) / 1000);
            latencyMicros.recordValue(Math.min(micros, latencyMicros.getHighestTrackableValue()));
        }
    }

    void shutdown() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                sweep();
                startConnects();
                selector.select(100);
                now = System.nanoTime();
                var keys = selector.selectedKeys();
                for (SelectionKey key : keys) {
                    Subscription s = (Subscription) key.attachment();
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isConnectable()) {
                            finishConnect(s);
                        }
                        if (key.isValid() && key.isWritable()) {
                            writeRequest(s);
                        }
                        if (key.isValid() && key.isReadable()) {
                            read(s);
                        }
                    } catch (IOException | RuntimeException e) {
                        fail(s);
                    }
                }
                keys.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Subscription s : subscriptions) {
                close(s);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void startConnects() {
        while (connecting < maxConnecting && !toConnect.isEmpty()) {
            Subscription s = toConnect.poll();
            try {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (s.slow) {
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, SLOW_RECEIVE_BUFFER);
                }
                s.newConnection(this);
                s.channel = channel;
                s.connects++;
                s.connectStartedNanos = System.nanoTime();
                connecting++;
                s.pendingRequest = s.request();
                if (channel.connect(new InetSocketAddress(s.target.host(), s.target.port()))) {
                    s.key = channel.register(selector, SelectionKey.OP_WRITE, s);
                } else {
                    s.key = channel.register(selector, SelectionKey.OP_CONNECT, s);
                }
            } catch (IOException e) {
                fail(s);
            }
        }
    }

    private void finishConnect(Subscription s) throws IOException {
        if (s.channel.finishConnect()) {
            s.key.interestOps(SelectionKey.OP_WRITE);
        }
    }

    private void writeRequest(Subscription s) throws IOException {
        if (s.pendingRequest.position() == 0) { // the first write on this connection
            s.localPort = ((InetSocketAddress) s.channel.getLocalAddress()).getPort();
        }
        s.channel.write(s.pendingRequest);
        if (!s.pendingRequest.hasRemaining()) {
            s.pendingRequest = null;
            s.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void read(Subscription s) throws IOException {
        int n = s.channel.read(readBuffer.clear());
        if (n < 0) {
            boolean wasOpen = s.open;
            long retryMs = s.parser.retryMs();
            s.endedByServer = true;
            doneConnecting(s);
            close(s);
            if (wasOpen) {
                reconnectAfterEnd(s, retryMs < 0 ? DEFAULT_RECONNECT_MILLIS : retryMs);
            }
            return;
        }
        if (s.decoder.feed(readBuffer.array(), 0, n)) {
            s.lastStatus = s.decoder.status();
            doneConnecting(s);
            if (s.decoder.status() == 200) {
                s.open = true;
                s.openedAtNanos = System.nanoTime();
                if (s.slow && !s.readingAllowed) {
                    s.key.interestOps(0);
                }
            } else {
                s.failures++;
                close(s);
            }
        }
    }

    private void doneConnecting(Subscription s) {
        if (!s.countedOpen) {
            s.countedOpen = true;
            connecting--;
        }
    }

    private void fail(Subscription s) {
        s.failures++;
        doneConnecting(s);
        close(s);
        if (s.retries < MAX_RETRIES) {
            s.retries++;
            s.retryAtNanos = System.nanoTime() + RETRY_DELAY_NANOS;
            toRetry.add(s);
        }
    }

    /**
     * As an {@code EventSource} does: a 200 stream that ends (e.g. Herald's retryable error event) is opened again
     * with its {@code Last-Event-ID} after the stream's last {@code retry:}, without limit.
     */
    private void reconnectAfterEnd(Subscription s, long retryMs) {
        s.reconnectsAfterEnd++;
        s.retryAtNanos = System.nanoTime() + retryMs * 1_000_000L;
        toRetry.add(s);
    }

    /** Once a second: heads overdue fail (and retry); retries whose delay passed are queued. */
    private void sweep() {
        long t = System.nanoTime();
        if (t - lastSweep < 1_000_000_000L) {
            return;
        }
        lastSweep = t;
        for (Subscription s : subscriptions) {
            if (s.channel != null && !s.countedOpen && t - s.connectStartedNanos > HEAD_TIMEOUT_NANOS) {
                s.timeouts++;
                fail(s);
            }
        }
        while (!toRetry.isEmpty() && toRetry.peek().retryAtNanos <= t) {
            toConnect.add(toRetry.poll());
        }
    }

    private void close(Subscription s) {
        s.open = false;
        if (s.channel != null) {
            if (!s.countedOpen) {
                s.countedOpen = true;
                connecting--;
            }
            try {
                s.channel.close();
            } catch (IOException ignored) {
                // gone anyway
            }
            s.channel = null;
            s.key = null;
        }
    }
}
