package dev.herald.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the server under test writes to its log while an action runs. Open Liberty: what is added to its server's
 * {@code logs/messages.log}, plus the FFDC incident files it writes (counted whole). Payara Micro logs to its console, which
 * Arquillian's Payara container copies line by line to this JVM's {@code System.out}: that is captured.
 */
public final class ServerLog {

    /** How long the log must stay unchanged after the action to count as settled. */
    private static final Duration QUIET = Duration.ofSeconds(2);
    /** A record starts with its bracketed time stamp on both servers. */
    private static final Pattern RECORD_START = Pattern.compile("(?m)^(?=\\[\\d)");

    private ServerLog() {
    }

    /** An action that may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /**
     * Bytes of the records the server logged while {@code action} ran and until its log settled, leaving out the
     * records {@code ignored} matches (noise of the test setup that is not what is measured).
     */
    public static long bytesWrittenDuring(Action action, Predicate<String> ignored) throws Exception {
        Predicate<String> counted = ignored.negate();
        return "liberty".equals(System.getProperty("herald.server")) ? libertyLogDuring(action, counted)
                : consoleDuring(action, counted);
    }

    private static long bytes(String text, Predicate<String> counted) {
        long bytes = 0;
        for (String record : RECORD_START.split(text)) {
            if (!record.isEmpty() && counted.test(record)) {
                bytes += record.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return bytes;
    }

    private static long consoleDuring(Action action, Predicate<String> counted) throws Exception {
        PrintStream original = System.out;
        StringBuffer captured = new StringBuffer();
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.append(new String(b, off, len, StandardCharsets.UTF_8));
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            action.run();
            return settle(() -> bytes(captured.toString(), counted));
        } finally {
            System.setOut(original);
        }
    }

    private static long libertyLogDuring(Action action, Predicate<String> counted) throws Exception {
        Path logs = Path.of(System.getProperty("herald.it.libertyHome"), "usr", "servers", "herald", "logs");
        Path messages = logs.resolve("messages.log");
        long start = Files.size(messages);
        long ffdcBefore = ffdcBytes(logs);
        action.run();
        return settle(() -> bytes(added(messages, start), counted) + ffdcBytes(logs) - ffdcBefore);
    }

    /** What was added to a file after {@code start} bytes. */
    private static String added(Path file, long start) {
        // (A roll-over of messages.log during the action would hide records: its limits are far above this.)
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] added = new byte[(int) Math.max(0, in.length() - start)];
            in.seek(start);
            in.readFully(added);
            return new String(added, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ffdcBytes(Path logs) {
        Path ffdc = logs.resolve("ffdc");
        if (!Files.isDirectory(ffdc)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(ffdc)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the size has not changed for {@link #QUIET}; returns it. */
    private static long settle(Supplier<? extends Number> size) {
        long[] last = {size.get().longValue(), System.nanoTime()};
        Waits.atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long now = size.get().longValue();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] >= QUIET.toNanos();
        });
        return last[0];
    }
}
