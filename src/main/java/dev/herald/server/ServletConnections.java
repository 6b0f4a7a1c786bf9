package dev.herald.server;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.herald.aborts.ClientAborts;
import dev.herald.delivery.ClientConnection;

/**
 * Makes the connection of a stream opened by this request ("can it take more", and dropping it) available (see
 * {@link ConnectionProbes}). Only Payara's stream is trusted: its {@code isReady()} answers Grizzly's
 * {@code canWrite()} (its async write queue below 4 × {@code socket-write-buffer-size}) even without a
 * {@code WriteListener}, which is what keeps a stalled client's backlog off the heap (docs/performance.md, "Stalled
 * readers on Payara"). Elsewhere {@code isReady()} without a listener is unverified, and a wrong "no" would close
 * healthy streams, so the probe says ready.
 * <p>
 * The output stream is asked for only when a stream subscribes, never for other requests (a host application may
 * use {@code getWriter()}). Mapped to every path because an embedding application chooses Herald's path.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ServletConnections extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ClientAborts aborts;

    @Inject
    transient StreamResets resets;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ConnectionProbes.set(() -> probe(request, response));
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!ClientAborts.isClientGone(e)) {
                throw e;
            }
            // The client went away while the answer was written (Jersey flushes a stream's first events, or an
            // answer, on this thread): counted, not left to the container's log with its stack trace.
            aborts.count();
        } finally {
            ConnectionProbes.clear();
            if (resets != null && !request.isAsyncStarted() && !request.getProtocol().startsWith("HTTP/1.")) {
                resets.countIfReset(PayaraHttp2Stream.of(response)); // a rapid-reset flood's requests, whatever path
            }
        }
    }

    private static ClientConnection probe(HttpServletRequest request, HttpServletResponse response) {
        if (!request.getProtocol().startsWith("HTTP/1.")) {
            // HTTP/2: many streams share the connection, so it is never dropped for one of them, and isReady() of a
            // stream there was not verified; its queue limits bound such a stream. On Payara, the stream itself is
            // found, to notice its reset (Http2Resets).
            return PayaraHttp2Stream.of(response);
        }
        ServletOutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PayaraConnection.PAYARA_STREAM.equals(out.getClass().getName())
                ? PayaraConnection.of(response, out) : ClientConnection.UNPROBED;
    }
}
