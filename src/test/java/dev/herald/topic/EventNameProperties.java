package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.HostileText;

/**
 * Any string a publisher gives as the event name is either written to {@code event:} as it is, safely and never
 * as one of Herald's own events, or refused as {@code invalid-event}: never another exception.
 */
class EventNameProperties {

    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<String> valid = HostileText.names(Arbitraries.chars().alpha());
        return Arbitraries.frequencyOf(Tuple.of(2, valid), Tuple.of(4, HostileText.nearMisses(valid)),
                Tuple.of(1, Arbitraries.of(EventName.RESERVED)), Tuple.of(3, HostileText.text()));
    }

    @Property(tries = 3000)
    void anyStringIsASafeEventNameOrInvalidEvent(@ForAll("candidates") String text) {
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").percentage(p -> p > 10);
            coverage.check("refused").percentage(p -> p > 40);
            coverage.check("reserved").count(n -> n > 0);
        });
        String name;
        try {
            name = EventName.require(text);
        } catch (HeraldException refused) {
            Statistics.label("outcome").collect(EventName.RESERVED.contains(text) ? "reserved" : "refused");
            assertEquals(ProblemType.INVALID_EVENT, refused.type());
            assertFalse(EventName.acceptable(text), "acceptable() agrees with require()");
            return;
        }
        Statistics.label("outcome").collect("accepted");
        assertEquals(text, name, "written as it was sent");
        assertTrue(EventName.acceptable(name), "acceptable() agrees with require()");
        assertFalse(EventName.RESERVED.contains(name), "never one of Herald's own events");
        assertTrue(name.length() <= EventName.MAX_LENGTH);
        SseWireProperties.assertSafeOnTheWire("event", name);
    }
}
