package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

class TopicPolicyTest {

    @Test
    void aLoneStarAllowsEveryValidName() {
        assertEquals("anything", new TopicPolicy("*").requireKnown("anything").value());
    }

    @Test
    void namesAndPrefixesAreAllowedOthersAreUnknown() {
        TopicPolicy policy = new TopicPolicy(" demo , orders.* ");
        assertEquals("demo", policy.requireKnown("demo").value());
        assertEquals("orders.eu", policy.requireKnown("orders.eu").value());
        assertEquals(ProblemType.UNKNOWN_TOPIC,
                assertThrows(HeraldException.class, () -> policy.requireKnown("demo2")).type());
    }

    @Test
    void anInvalidNameIsInvalidBeforeItIsUnknown() {
        assertEquals(ProblemType.INVALID_TOPIC,
                assertThrows(HeraldException.class, () -> new TopicPolicy("demo").requireKnown("no way")).type());
    }

    @Test
    void anEmptyListIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new TopicPolicy(" , "));
    }
}
