package dev.herald.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * What the server under test writes to its log. Open Liberty: the files under its server's {@code logs} directory
 * ({@code messages.log}, {@code console.log}, FFDC incidents). Payara Micro logs to its console, which Arquillian's
 * Payara container copies line by line to this JVM's {@code System.out}: that is counted while a measurement runs.
 */
public final class ServerLog {

    /** How long the log must stay unchanged after the action to count as settled. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    private ServerLog() {
    }

    /** An action that may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** Bytes the server logged while {@code action} ran and until its log settled. */
    public static long bytesWrittenDuring(Action action) throws Exception {
        if ("liberty".equals(System.getProperty("herald.server"))) {
            Path logs = Path.of(System.getProperty("herald.it.libertyHome"), "usr", "servers", "herald", "logs");
            return measure(() -> size(logs), action);
        }
        PrintStream original = System.out;
        AtomicLong written = new AtomicLong();
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                written.incrementAndGet();
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written.addAndGet(len);
                original.write(b, off, len);
            }

            @Override
            public void flush() {
                original.flush();
            }
        }, true));
        try {
            return measure(written::get, action);
        } finally {
            System.setOut(original);
        }
    }

    private static long measure(LongSupplier size, Action action) throws Exception {
        long before = size.getAsLong();
        action.run();
        long[] last = {size.getAsLong(), System.nanoTime()};
        Waits.atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long now = size.getAsLong();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] >= QUIET.toNanos();
        });
        return last[0] - before;
    }

    private static long size(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0; // rolled over while walking
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
