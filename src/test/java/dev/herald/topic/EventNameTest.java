package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

class EventNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"tick", "order-updated", "Price.v2", "a_b"})
    void acceptsPlainNames(String name) {
        assertEquals(name, EventName.require(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1st", "new\nline", "cr\rname", "with space", "colon:name", "error", "subscribed",
            "reset", "upstream-degraded"})
    void refusesNamesThatCouldBreakFramingOrFakeHeraldsOwnEvents(String name) {
        assertEquals(ProblemType.INVALID_EVENT,
                assertThrows(HeraldException.class, () -> EventName.require(name)).type());
    }
}
