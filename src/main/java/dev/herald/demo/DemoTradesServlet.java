package dev.herald.demo;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo upstream's SSE stream ({@code /demo-upstream/trades}), relayed by the default {@code demo-trades}
 * source and broken by the same switch as the polled prices. It plays another system, so it is a plain servlet
 * outside Herald's API: it can answer any status, and each write reaches the wire when flushed (a JAX-RS
 * {@code StreamingOutput} may be buffered by the implementation until 8 KiB are written).
 */
@WebServlet(urlPatterns = "/demo-upstream/trades")
public class DemoTradesServlet extends HttpServlet {

    private static final long HANG_MILLIS = 30_000;

    @Inject
    DemoFaults faults;

    @Inject
    @ConfigProperty(name = "herald.demo.enabled", defaultValue = "true")
    boolean enabled;

    private final transient DemoTrades trades = new DemoTrades();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!enabled) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        switch (faults.mode()) {
            case FAIL -> response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "demo upstream: failing");
            case MISSING -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
            case HANG -> {
                try {
                    Thread.sleep(HANG_MILLIS); // a demo of an upstream that hangs, on a request thread of its own
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            }
            case OK, GARBAGE -> {
                response.setContentType("text/event-stream");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Cache-Control", "no-cache");
                try {
                    trades.stream(response.getOutputStream(), request.getHeader("Last-Event-ID"), faults::mode);
                } catch (IOException clientLeft) {
                    // the relay went away: nothing to clean up
                }
            }
        }
    }
}
