package dev.herald.topic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * An event id as sent in {@code id:}: {@code <epoch>-<sequence>}. The sequence grows by one per event in a topic;
 * the epoch changes whenever the history that sequence refers to is lost (a restart), so that a client resuming
 * with an id from another epoch can be told its history is gone instead of being silently misled.
 * {@code <epoch>-0} names the position before a topic's first event.
 */
public record EventId(String epoch, long sequence) {

    private static final Pattern FORMAT = Pattern.compile("([0-9a-z]{8})-(0|[1-9][0-9]{0,17})");

    /**
     * Parses an id a client sent back ({@code Last-Event-ID} or {@code lastEventId}). Anything that Herald could
     * not have written is refused: it is not safe to guess what such a client has seen.
     */
    public static EventId parse(String text) {
        Matcher matcher = text == null ? null : FORMAT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new HeraldException(ProblemType.INVALID_LAST_EVENT_ID, "The last event id is not one Herald"
                    + " issues (<8 characters a-z0-9>-<sequence>); open a new stream without it.");
        }
        return new EventId(matcher.group(1), Long.parseLong(matcher.group(2)));
    }

    /** The position just before this event: a stream that resumes after it starts with this event. */
    public EventId before() {
        return new EventId(epoch, sequence - 1);
    }

    @Override
    public String toString() {
        return epoch + "-" + sequence;
    }
}
