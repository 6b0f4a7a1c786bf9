package dev.herald.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * An upstream SSE stream, as a system Herald relays would serve it: events numbered 1, 2, 3... from a log the
 * test appends to; a connection with {@code Last-Event-ID: n} gets every event after n first, one without it
 * only new events. The test can drop every open connection mid-stream and make new ones fail.
 */
public final class FakeEventStream implements HttpHandler {

    private final Object lock = new Object();
    private final List<String> frames = new ArrayList<>(); // guarded by lock; frame i has id i + 1
    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private int drops; // guarded by lock
    private volatile boolean failing;
    private volatile boolean closed;

    /** Appends an event to the log; open connections send it at once. Returns its id. */
    public int emit(String event, String data) {
        synchronized (lock) {
            int id = frames.size() + 1;
            frames.add("id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n");
            lock.notifyAll();
            return id;
        }
    }

    /** Ends every open connection after what it has sent: a break in the middle of the stream. */
    public void dropConnections() {
        synchronized (lock) {
            drops++;
            lock.notifyAll();
        }
    }

    /** New connections are answered 500 while failing. */
    public void failing(boolean fail) {
        failing = fail;
    }

    /** The {@code Last-Event-ID} of every connection so far, in order ("" when it had none). */
    public List<String> lastEventIds() {
        return List.copyOf(lastEventIds);
    }

    void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        lastEventIds.add(lastEventId == null ? "" : lastEventId);
        if (failing) {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            return;
        }
        int next;
        int dropsAtStart;
        synchronized (lock) {
            next = lastEventId == null ? frames.size() : Math.min(Integer.parseInt(lastEventId), frames.size());
            dropsAtStart = drops;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                List<String> toSend;
                synchronized (lock) {
                    while (next >= frames.size() && drops == dropsAtStart && !closed) {
                        lock.wait(1000);
                    }
                    if (drops != dropsAtStart || closed) {
                        return;
                    }
                    toSend = List.copyOf(frames.subList(next, frames.size()));
                    next = frames.size();
                }
                for (String frame : toSend) {
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the relay went away; nothing to do
        } finally {
            exchange.close();
        }
    }
}
