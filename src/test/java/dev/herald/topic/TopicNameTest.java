package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

class TopicNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "orders.eu-1", "A_b-c.d", "0", "x123456789x123456789x123456789x123456789x123456789x123456789abc"})
    void acceptsTheDocumentedCharacterSet(String name) {
        assertEquals(name, TopicName.of(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-leading", ".leading", "has space", "new\nline", "semi;colon", "slash/", "é",
            "x123456789x123456789x123456789x123456789x123456789x123456789abcde"})
    void refusesEverythingElseAsAnInvalidTopic(String name) {
        HeraldException refused = assertThrows(HeraldException.class, () -> TopicName.of(name));
        assertEquals(ProblemType.INVALID_TOPIC, refused.type());
    }

    @org.junit.jupiter.api.Test
    void refusesNull() {
        assertThrows(HeraldException.class, () -> TopicName.of(null));
    }
}
