package dev.herald.topic;

import static dev.herald.support.Gen.weighted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.Gen;
import dev.herald.support.HostileText;
import dev.herald.support.Samples;
import dev.herald.wire.SseWireProperties;

/**
 * Any string a publisher gives as the event name is either written to {@code event:} as it is, safely and never
 * as one of Herald's own events, or refused as {@code invalid-event}: never another exception.
 */
class EventNameProperties {

    static Gen<String> candidates() {
        Gen<String> valid = HostileText.names(Gen.ALPHA);
        return Gen.frequency(weighted(2, valid), weighted(4, HostileText.nearMisses(valid)),
                weighted(1, Gen.of(EventName.RESERVED.stream().sorted().toList())), weighted(3, HostileText.text()));
    }

    @Test
    void anyStringIsASafeEventNameOrInvalidEvent() {
        Samples.Tally outcomes = Samples.check(3000, candidates(), (text, tally) -> {
            String name;
            try {
                name = EventName.require(text);
            } catch (HeraldException refused) {
                tally.count(EventName.RESERVED.contains(text) ? "reserved" : "refused");
                assertEquals(ProblemType.INVALID_EVENT, refused.type());
                assertFalse(EventName.acceptable(text), "acceptable() agrees with require()");
                return;
            }
            tally.count("accepted");
            assertEquals(text, name, "written as it was sent");
            assertTrue(EventName.acceptable(name), "acceptable() agrees with require()");
            assertFalse(EventName.RESERVED.contains(name), "never one of Herald's own events");
            assertTrue(name.length() <= EventName.MAX_LENGTH);
            SseWireProperties.assertSafeOnTheWire("event", name);
        });
        outcomes.assertShareAbove("accepted", 10);
        outcomes.assertShareAbove("refused", 40);
        outcomes.assertSeen("reserved");
    }
}
