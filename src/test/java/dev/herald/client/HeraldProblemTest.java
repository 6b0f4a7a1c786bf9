package dev.herald.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.OptionalLong;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class HeraldProblemTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aProblemDocumentIsDecoded() {
        HeraldProblem problem = HeraldProblem.of(json("{\"type\":\"urn:herald:problem:slow-consumer\","
                + "\"title\":\"Slow consumer\",\"status\":503,\"detail\":\"behind\",\"retryable\":true,"
                + "\"retryAfterMs\":3000}"));
        assertEquals("slow-consumer", problem.slug());
        assertEquals(503, problem.status());
        assertTrue(problem.retryable());
        assertEquals(OptionalLong.of(3000), problem.retryAfterMs());
        assertNull(problem.source());
    }

    @Test
    void whatIsMissingHasSafeDefaults() {
        HeraldProblem problem = HeraldProblem.of(json("{\"retryAfterMs\":null}"));
        assertEquals("about:blank", problem.type());
        assertFalse(problem.retryable(), "an error that does not say it is retryable is taken as fatal");
        assertEquals(OptionalLong.empty(), problem.retryAfterMs());
    }
}
