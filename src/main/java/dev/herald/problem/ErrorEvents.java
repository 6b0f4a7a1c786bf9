package dev.herald.problem;

/**
 * The shape of an SSE {@code error} event: {@code retry:} matching {@code retryAfterMs}, {@code event: error} and
 * the problem as single-line JSON data. It has no {@code id:} so that the client's last event id stays on the last
 * real event and a reconnect resumes from there.
 */
public final class ErrorEvents {

    public static final String EVENT_NAME = "error";

    private ErrorEvents() {
    }

    /**
     * For a stream that failed to open: the whole body of the 200 response an exception mapper returns,
     * since there is no sink. An open stream gets the same fields from its topic; JSON-P never writes a raw
     * line break.
     */
    public static String frame(Problem problem) {
        return "retry: " + problem.retryAfterMs() + "\n"
                + "event: " + EVENT_NAME + "\n"
                + "data: " + problem.toJson() + "\n\n";
    }
}
