package dev.herald.topic;

/**
 * An event id as sent in {@code id:}: {@code <epoch>-<sequence>}. The sequence grows by one per event in a topic;
 * the epoch changes whenever the history that sequence refers to is lost (a restart), so that a client resuming
 * with an id from another epoch can be told its history is gone instead of being silently misled.
 */
public record EventId(String epoch, long sequence) {

    @Override
    public String toString() {
        return epoch + "-" + sequence;
    }
}
