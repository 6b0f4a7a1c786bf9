package dev.herald.client;

import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.Set;

/** The last few event ids seen, to drop an event delivered twice across a reconnect. Not thread-safe. */
final class RecentIds {

    private final int capacity;
    private final Set<String> ids = new LinkedHashSet<>();

    RecentIds(int capacity) {
        this.capacity = capacity;
    }

    /** True the first time an id is seen (and remembers it); false for a duplicate. */
    boolean firstTime(String id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
