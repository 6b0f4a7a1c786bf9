package dev.herald.problem;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Decides the {@code retry:} value of every stream and error event.
 * <p>
 * Fatal problems get a long delay because a plain {@code EventSource} reconnects after any 200 stream ends,
 * whatever the event said; the long delay keeps such clients from hammering the server.
 */
@ApplicationScoped
public class RetryPolicy {

    private long baseMs;
    private long fatalMs;
    private long shutdownMs;
    private long shutdownSpreadMs;

    protected RetryPolicy() {
        // for the CDI proxy
    }

    @Inject
    public RetryPolicy(RetrySettings settings) {
        this(settings.baseMs(), settings.fatalMs(), settings.shutdownMs(), settings.shutdownSpreadMs());
    }

    /** With delays already checked (see {@link RetrySettings}). */
    public RetryPolicy(long baseMs, long fatalMs, long shutdownMs, long shutdownSpreadMs) {
        this.baseMs = baseMs;
        this.fatalMs = fatalMs;
        this.shutdownMs = shutdownMs;
        this.shutdownSpreadMs = shutdownSpreadMs;
    }

    /** The delay announced when a stream opens, and for retryable problems. */
    public long baseMs() {
        return baseMs;
    }

    public Problem problem(ProblemType type, String detail) {
        return new Problem(type, detail, type.retryable() ? baseMs : fatalMs);
    }

    public Problem problem(HeraldException exception) {
        if (exception.retryAfterMs() != null && exception.type().retryable()) {
            return new Problem(exception.type(), exception.detail(), exception.retryAfterMs());
        }
        return problem(exception.type(), exception.detail());
    }

    /**
     * {@link #shutdown()} as a plain function of this policy's values: usable from a JVM shutdown hook after the
     * container has already torn down CDI (Payara Micro on SIGTERM), where a call through a bean proxy fails.
     * <p>
     * The delay outlasts a restart of the server ({@code herald.shutdown.retry-ms}) because a plain
     * {@code EventSource} that comes back while the container answers its own 404/503 pages gives up for good;
     * it is spread over {@code [retry-ms, retry-ms + spread)} so that thousands of clients do not all come back in
     * the same millisecond.
     */
    public Supplier<Problem> shutdownNotices() {
        long base = shutdownMs;
        long spread = shutdownSpreadMs;
        return () -> shutdownProblem(base + ThreadLocalRandom.current().nextLong(spread));
    }

    public Problem shutdown() {
        return shutdownNotices().get();
    }

    private static Problem shutdownProblem(long retryMs) {
        return new Problem(ProblemType.SERVER_SHUTDOWN,
                "The server is shutting down; reconnect with your last event id to resume.", retryMs);
    }
}
