package dev.herald.problem;

/**
 * Every kind of failure Herald reports, with its RFC 9457 {@code type} slug, title and HTTP status.
 * <p>
 * {@code retryable} is the contract with clients: a fatal problem will not go away by reconnecting
 * (the client should stop), a retryable one will (the client should come back after {@code retryAfterMs}).
 */
public enum ProblemType {
    INVALID_TOPIC("invalid-topic", "Invalid topic name", 400, false),
    UNKNOWN_TOPIC("unknown-topic", "Unknown topic", 404, false),
    TOO_MANY_TOPICS("too-many-topics", "Topic limit reached", 503, true),
    TOO_MANY_SUBSCRIBERS("too-many-subscribers", "Subscriber limit reached", 503, true),
    /** The memory Herald may use for pending events is spent: the stream is refused or closed until it frees up. */
    MEMORY_FULL("memory-full", "Memory budget reached", 503, true),
    INVALID_LAST_EVENT_ID("invalid-last-event-id", "Invalid last event id", 400, false),
    SLOW_CONSUMER("slow-consumer", "Slow consumer", 503, true),
    MALFORMED_JSON("malformed-json", "Malformed JSON", 400, false),
    INVALID_EVENT("invalid-event", "Invalid event", 422, false),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413, false),
    /** A request head or body that did not arrive in time. */
    REQUEST_TIMEOUT("request-timeout", "Request timed out", 408, true),
    /** Too many request bodies are being read at once; the others are turned away rather than queued. */
    SERVER_BUSY("server-busy", "Server busy", 503, true),
    /** One client (a principal, or an anonymous address) holds its maximum of open streams. */
    TOO_MANY_STREAMS("too-many-streams", "Too many streams for this client", 429, true),
    /** One client publishes faster than its rate; {@code retryAfterMs} says when its next publish is welcome. */
    RATE_LIMITED("rate-limited", "Publish rate exceeded", 429, true),
    TOPIC_FED_BY_UPSTREAM("topic-fed-by-upstream", "Topic fed by an upstream", 409, false),
    /** No token where one is needed, or one that is not accepted (signature, algorithm, issuer, audience, time). */
    UNAUTHORIZED("unauthorized", "Unauthorized", 401, false),
    /** The token is valid but does not grant this topic (or action). */
    FORBIDDEN("forbidden", "Forbidden", 403, false),
    /** The token has expired: at opening, or on an open stream, which then closes. A fresh token fixes it. */
    TOKEN_EXPIRED("token-expired", "Token expired", 401, true),
    /** A JWT in the query string, where it would end up in logs and histories: only a stream ticket goes there. */
    TOKEN_IN_QUERY("token-in-query", "Token in the query string", 400, false),
    /** The server holds its maximum of unused stream tickets. */
    TOO_MANY_TICKETS("too-many-tickets", "Ticket limit reached", 503, true),
    /** One client (a principal, or an address) mints tickets faster than its rate, or holds its maximum unused. */
    TICKET_QUOTA("ticket-quota", "Ticket quota reached for this client", 429, true),
    /** Credentials that say two things at once (two token cookies, two stream tickets): which one is meant? */
    AMBIGUOUS_CREDENTIALS("ambiguous-credentials", "Ambiguous credentials", 400, false),
    BAD_REQUEST("bad-request", "Bad request", 400, false),
    NOT_FOUND("not-found", "Not found", 404, false),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405, false),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406, false),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415, false),
    SERVER_SHUTDOWN("server-shutdown", "Server shutting down", 503, true),
    UPSTREAM_FAILED("upstream-failed", "Upstream failed", 502, true),
    UPSTREAM_MALFORMED("upstream-malformed", "Upstream answered garbage", 502, true),
    UPSTREAM_TIMEOUT("upstream-timeout", "Upstream timed out", 504, true),
    UPSTREAM_CIRCUIT_OPEN("upstream-circuit-open", "Upstream circuit open", 503, true),
    UPSTREAM_OVERLOADED("upstream-overloaded", "Upstream overloaded", 503, true),
    UPSTREAM_NOT_FOUND("upstream-not-found", "Upstream resource not found", 404, false),
    /** The broker (herald.broker=redis) cannot be reached: an event was not stored, or a stream cannot open. */
    BROKER_UNAVAILABLE("broker-unavailable", "Broker unavailable", 503, true),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", 503, true),
    INTERNAL_ERROR("internal-error", "Internal server error", 500, true);

    /** Problem types are URNs: stable identifiers that do not pretend to be a dereferenceable web page. */
    public static final String TYPE_PREFIX = "urn:herald:problem:";

    private final String slug;
    private final String title;
    private final int status;
    private final boolean retryable;

    ProblemType(String slug, String title, int status, boolean retryable) {
        this.slug = slug;
        this.title = title;
        this.status = status;
        this.retryable = retryable;
    }

    public String slug() {
        return slug;
    }

    public String uri() {
        return TYPE_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}
