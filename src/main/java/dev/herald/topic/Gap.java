package dev.herald.topic;

/** Why a client's id cannot be resumed from (a {@code reset}); {@code lost} is how many events it missed, if known. */
record Gap(String reason, Long lost) {

    static final String EVICTED = "evicted";
    static final String OTHER_EPOCH = "epoch-changed";
    static final String UNKNOWN_ID = "unknown-id";
}
