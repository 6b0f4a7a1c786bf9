package dev.herald.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

class IdempotencyKeyTest {

    @Test
    void noHeaderNoKey() {
        assertNull(IdempotencyKey.of(null));
    }

    @Test
    void theDraftsQuotedStringAndABareTokenAreKeys() {
        assertEquals("8e03978e-40d5-43e8", IdempotencyKey.of("\"8e03978e-40d5-43e8\""));
        assertEquals("order 42 paid", IdempotencyKey.of("\"order 42 paid\""));
        assertEquals("order-42", IdempotencyKey.of(" order-42 "));
        assertEquals("k".repeat(128), IdempotencyKey.of("k".repeat(128)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "two words", "\"unterminated", "tab\there", "caf\u00e9", "back\\slash",
            "\"line\nbreak\""})
    void anythingElseIsABadRequest(String header) {
        HeraldException refused = assertThrows(HeraldException.class, () -> IdempotencyKey.of(header));
        assertEquals(ProblemType.BAD_REQUEST, refused.type());
    }

    @Test
    void aKeyLongerThan128CharactersIsRefused() {
        assertThrows(HeraldException.class, () -> IdempotencyKey.of("k".repeat(129)));
    }
}
