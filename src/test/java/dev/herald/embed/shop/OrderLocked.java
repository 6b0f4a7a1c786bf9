package dev.herald.embed.shop;

/** The host's own failure type, answered by the host's own mapper. */
public class OrderLocked extends IllegalStateException {

    public OrderLocked() {
        super("order locked");
    }
}
