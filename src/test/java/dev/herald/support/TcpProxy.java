package dev.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on loopback in front of the server under test, so that a test can break a client's connection the
 * way a network does: cut every open connection at once, or refuse new ones for a while. It records the start
 * of every request (its request line and headers) so that a test can see what the client sent.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /** A proxy in front of the host and port of {@code server}. */
    public static TcpProxy to(URI server) {
        try {
            return new TcpProxy(new InetSocketAddress(server.getHost(), server.getPort()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a TCP proxy", e);
        }
    }

    /** {@code uri} with its host and port replaced by the proxy's. */
    public URI via(URI uri) {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** Breaks every open connection, both ways, as a network failure would. */
    public void cutAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    /** While refusing, new connections are accepted and closed at once, before a byte is read. */
    public void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** A request that went through: when, and its request line and headers. */
    public record Request(long atMillis, String head) {
    }

    /** Every request that reached the server through the proxy, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int openConnections() {
        return open.size() / 2;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    client.setSoLinger(true, 0); // a reset, not an orderly close
                    client.close();
                    continue;
                }
                Socket server = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(server);
                threads.execute(() -> pipe(client, server, true));
                threads.execute(() -> pipe(server, client, false));
            } catch (IOException e) {
                // closed, or the server is down: the client sees its connection end
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean recordRequests) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (recordRequests) {
                    String text = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                    int end = text.indexOf("\r\n\r\n");
                    if (text.startsWith("GET ") || text.startsWith("POST ")) {
                        requests.add(new Request(System.currentTimeMillis(), end < 0 ? text : text.substring(0, end)));
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or closed by the other side
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        cutAll();
        threads.shutdownNow();
    }
}
