package dev.herald.support;

import java.util.Arrays;
import java.util.List;

/**
 * Splits a raw event stream into frames (events and comment blocks) and lines, for exact assertions.
 * Heartbeat comments and the blank lines some servers write before the first event are left out.
 */
public final class SseFrames {

    private SseFrames() {
    }

    /** The complete events in the text (a frame not yet ended by a blank line is not counted). */
    public static List<String> split(String text) {
        int end = text.lastIndexOf("\n\n");
        if (end < 0) {
            return List.of();
        }
        return Arrays.stream(text.substring(0, end).split("\n\n"))
                .map(SseFrames::withoutComments)
                .filter(frame -> !frame.isBlank())
                .toList();
    }

    public static List<String> lines(String frame) {
        return List.of(frame.split("\n"));
    }

    public static String field(String frame, String name) {
        return lines(frame).stream()
                .filter(line -> line.startsWith(name + ": "))
                .map(line -> line.substring(name.length() + 2))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + frame));
    }

    private static String withoutComments(String frame) {
        return String.join("\n", Arrays.stream(frame.split("\n"))
                .filter(line -> !line.startsWith(":") && !line.isEmpty())
                .toList());
    }
}
