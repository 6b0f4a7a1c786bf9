package dev.herald.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Many reading subscribers on one thread (a selector), for tests that need hundreds of live streams: each keeps the
 * tail of what it received and whether the server ended it.
 */
public final class StreamCrowd implements AutoCloseable {

    private static final int TAIL_CHARS = 8192;

    /** One member's view of its stream. */
    public static final class Member {
        private final StringBuilder tail = new StringBuilder();
        private volatile boolean ended;

        private synchronized void received(String text) {
            tail.append(text);
            if (tail.length() > TAIL_CHARS) {
                tail.delete(0, tail.length() - TAIL_CHARS);
            }
        }

        public synchronized String tail() {
            return tail.toString();
        }

        public boolean ended() {
            return ended;
        }
    }

    private final Selector selector = Selector.open();
    private final List<Member> members = new ArrayList<>();
    private final Thread reader;

    private StreamCrowd(URI topic, int size) throws IOException {
        byte[] request = ("GET " + topic.getRawPath() + " HTTP/1.1\r\nHost: " + topic.getHost() + ":" + topic.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(topic.getHost(), topic.getPort()));
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            Member member = new Member();
            members.add(member);
            channel.register(selector, SelectionKey.OP_READ, member);
        }
        reader = new Thread(this::read, "stream-crowd");
        reader.setDaemon(true);
        reader.start();
    }

    public static StreamCrowd open(URI topic, int size) {
        try {
            return new StreamCrowd(topic, size);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open " + size + " streams to " + topic, e);
        }
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /** How many members have {@code text} in what they received last (e.g. a problem type's URI). */
    public long sawInTail(String text) {
        return members().stream().filter(member -> member.tail().contains(text)).count();
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        try {
            while (selector.isOpen()) {
                selector.select(500);
                for (SelectionKey key : selector.selectedKeys()) {
                    Member member = (Member) key.attachment();
                    buffer.clear();
                    int n;
                    try {
                        n = ((SocketChannel) key.channel()).read(buffer);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n < 0) {
                        member.ended = true;
                        key.cancel();
                        key.channel().close();
                    } else {
                        member.received(new String(buffer.array(), 0, n, StandardCharsets.ISO_8859_1));
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException closed) {
            // the test is over
        }
    }

    @Override
    public void close() {
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // already closed
        }
    }
}
