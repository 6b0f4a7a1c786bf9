package dev.herald.quota;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many of something each client holds right now (streams, body reads), with a maximum per take. Only clients
 * that hold one are kept, so the map is bounded by what is held.
 */
public final class ClientCounts {

    private final ConcurrentHashMap<ClientKey, Integer> held = new ConcurrentHashMap<>();

    /** One more for {@code client}, if it holds fewer than {@code max}; whether it was taken. */
    public boolean tryTake(ClientKey client, int max) {
        boolean[] taken = new boolean[1];
        held.compute(client, (key, count) -> {
            int now = count == null ? 0 : count;
            taken[0] = now < max;
            return taken[0] ? now + 1 : count;
        });
        return taken[0];
    }

    /** Gives one back. */
    public void release(ClientKey client) {
        held.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
    }

    public int held(ClientKey client) {
        return held.getOrDefault(client, 0);
    }
}
