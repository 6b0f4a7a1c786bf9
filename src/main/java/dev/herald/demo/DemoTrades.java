package dev.herald.demo;

import static dev.herald.json.SharedJson.JSON;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;


/**
 * The demo upstream's SSE stream: one trade a second, numbered from the start of the application, so that
 * trade n is the same whoever asks and a reconnect with {@code Last-Event-ID: n} gets n+1 onwards (the last
 * {@value #KEPT} at most), as a real upstream with a history would.
 */
final class DemoTrades {

    static final int KEPT = 100;
    private static final long PERIOD_MILLIS = 1000;
    private static final long POLL_MILLIS = 250;

    private final long startMillis = System.currentTimeMillis();

    long latest() {
        return (System.currentTimeMillis() - startMillis) / PERIOD_MILLIS;
    }

    /**
     * Writes trades after {@code lastEventId} (live ones only without it) until the mode breaks the stream or the
     * client goes away (the write fails).
     */
    void stream(OutputStream out, String lastEventId, Supplier<DemoFaults.Mode> modes) throws IOException {
        long next = resumePoint(lastEventId);
        write(out, ": demo trades\n\n");
        while (true) {
            DemoFaults.Mode mode = modes.get();
            if (mode != DemoFaults.Mode.OK && mode != DemoFaults.Mode.GARBAGE) {
                return; // the upstream breaks: the stream ends here, the relay finds the fault when it comes back
            }
            for (long latest = latest(); next < latest; ) {
                next++;
                write(out, mode == DemoFaults.Mode.GARBAGE
                        ? "id: " + next + "\nevent: trade\ndata: {\"EURUSD\": oops\n\n"
                        : frame(next));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long resumePoint(String lastEventId) {
        long latest = latest();
        if (lastEventId == null || lastEventId.isBlank()) {
            return latest;
        }
        try {
            long after = Long.parseLong(lastEventId.strip());
            return Math.max(Math.min(after, latest), latest - KEPT);
        } catch (NumberFormatException e) {
            return latest; // not one of ours: live from now
        }
    }

    private static String frame(long id) {
        double wave = Math.sin(id / 7.0);
        String trade = JSON.createObjectBuilder()
                .add("trade", id)
                .add("symbol", id % 2 == 0 ? "EURUSD" : "GBPUSD")
                .add("price", Math.round(((id % 2 == 0 ? 1.08 : 1.27) + wave / 100) * 10_000) / 10_000.0)
                .add("quantity", 1000 * (1 + id % 5))
                .build().toString();
        return "id: " + id + "\nevent: trade\ndata: " + trade + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
