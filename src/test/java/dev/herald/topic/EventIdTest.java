package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

class EventIdTest {

    @Test
    void parsesWhatItWrites() {
        EventId id = new EventId("0a1b2c3d", 42);
        assertEquals(id, EventId.parse(id.toString()));
        assertEquals(new EventId("abcdefgh", 0), EventId.parse("abcdefgh-0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "abcdefgh", "abcdefgh-", "abcdefgh-01", "ABCDEFGH-1", "abcdefg-1",
            "abcdefghi-1", "abcdefgh--1", "abcdefgh-1-2", "abcdefgh-1234567890123456789", "abcdefgh-1 ",
            "abcdefgh-1\n", "abcdéfgh-1"})
    void refusesAnythingHeraldDoesNotIssue(String text) {
        assertEquals(ProblemType.INVALID_LAST_EVENT_ID,
                assertThrows(HeraldException.class, () -> EventId.parse(text)).type());
    }
}
