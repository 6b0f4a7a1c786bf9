package dev.herald.wire;

import static dev.herald.json.SharedJson.JSON;

import dev.herald.problem.ErrorEvents;
import dev.herald.problem.Problem;

/**
 * Builds the events of a stream. Data is always single-line JSON; a topic's events carry it as the UTF-8 bytes
 * encoded once at publish.
 */
public final class SseEvents {

    static final String SUBSCRIBED = "subscribed";
    static final String RESET = "reset";
    static final String BROKER_DEGRADED = "broker-degraded";
    static final String BROKER_RECOVERED = "broker-recovered";

    private SseEvents() {
    }

    /** A topic's event: its name, its id and its data, as UTF-8 bytes encoded once at publish. */
    public static SseFrame event(String name, String id, byte[] utf8Data) {
        return SseFrame.event(name, id, SseFrame.RECONNECT_NOT_SET, utf8Data);
    }

    /**
     * The first event of every stream: carries {@code retry:} (a data-less event would lose it in both Jersey
     * and RESTEasy) and commits the response, so RESTEasy never answers 204 for an idle topic.
     * No {@code id:}, so the client's last event id is left alone. Its data names the topic's position, never the
     * client's: {@code currentId} is the topic's latest event when the stream opened (where the client is once any
     * replay is through), {@code resumedAfter} the id the replay starts after (the client's last event id; for a
     * topic an upstream feeds, the event before its latest snapshot), or null for a stream without replay.
     */
    public static SseFrame subscribed(String topic, String currentId, String resumedAfter, long retryMs) {
        var data = JSON.createObjectBuilder().add("topic", topic);
        addId(data, "currentId", currentId);
        addId(data, "resumedAfter", resumedAfter);
        return SseFrame.event(SUBSCRIBED, null, retryMs, data.build().toString());
    }

    private static void addId(jakarta.json.JsonObjectBuilder data, String field, String id) {
        if (id == null) {
            data.addNull(field);
        } else {
            data.add(field, id);
        }
    }

    /**
     * The client's last event id cannot be resumed from: it learns why, how many events it lost (when known) and
     * the current position, and should reload its state. The {@code id:} moves its last event id to now, so that
     * a later reconnect resumes from here instead of hitting the same gap again.
     */
    public static SseFrame reset(String clientLast, String current, String reason, Long lost) {
        var data = JSON.createObjectBuilder()
                .add("reason", reason)
                .add("lastEventId", clientLast)
                .add("currentId", current);
        if (lost == null) {
            data.addNull("lost");
        } else {
            data.add("lost", lost);
        }
        data.add("detail", "Events after your last event id are no longer available: reload this topic's state,"
                + " then carry on with this stream.");
        return SseFrame.event(RESET, current, SseFrame.RECONNECT_NOT_SET, data.build().toString());
    }

    /**
     * A problem on an open stream, with the fields of {@link ErrorEvents#frame}: {@code retry:} matching
     * {@code retryAfterMs}, no {@code id:} (a reconnect resumes from the last real event).
     */
    public static SseFrame error(Problem problem) {
        return SseFrame.event(ErrorEvents.EVENT_NAME, null, problem.retryAfterMs(), problem.toJson().toString());
    }

    /**
     * With a broker: this node cannot read the broker; the stream stays open. Problem-shaped data ({@code
     * broker-unavailable}, retryable, when the next try is), no {@code id:}. Events published meanwhile follow the
     * {@code broker-recovered} event, or a {@code reset} when the broker lost them.
     */
    public static SseFrame brokerDegraded(Problem problem) {
        return SseFrame.event(BROKER_DEGRADED, null, SseFrame.RECONNECT_NOT_SET, problem.toJson().toString());
    }

    /** With a broker: it can be read again, after {@code degradedForMs}; what the stream missed follows. */
    public static SseFrame brokerRecovered(long degradedForMs) {
        String data = JSON.createObjectBuilder()
                .add("degradedForMs", degradedForMs)
                .add("detail", "The broker answers again; the events published meanwhile follow.")
                .build().toString();
        return SseFrame.event(BROKER_RECOVERED, null, SseFrame.RECONNECT_NOT_SET, data);
    }

    /** An SSE comment: ignored by clients, keeps proxies from closing an idle stream, reveals dead clients. */
    public static SseFrame heartbeat() {
        return SseFrame.comment("heartbeat");
    }
}
