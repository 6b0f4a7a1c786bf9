package dev.herald.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

class PublishRequestTest {

    private static PublishRequest read(String body, int max) {
        return PublishRequest.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void readsTheEventNameAndAnyJsonData() {
        PublishRequest request = read("{\"event\":\"order-updated\",\"data\":{\"id\":7}}", 1000);
        assertEquals("order-updated", request.event());
        assertEquals(Json.createObjectBuilder().add("id", 7).build(), request.data());
        assertEquals(Json.createValue("text"), read("{\"event\":\"x\",\"data\":\"text\"}", 1000).data());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"event\": | MALFORMED_JSON",
            "not json | MALFORMED_JSON",
            "[1] | INVALID_EVENT",
            "{\"data\":1} | INVALID_EVENT",
            "{\"event\":1,\"data\":1} | INVALID_EVENT",
            "{\"event\":\"x\"} | INVALID_EVENT",
            "{\"event\":\"x\",\"data\":1,\"extra\":2} | INVALID_EVENT"})
    void refusesBadBodiesWithATypedProblem(String body, ProblemType expected) {
        assertEquals(expected, assertThrows(HeraldException.class, () -> read(body, 1000)).type());
    }

    @Test
    void refusesABodyOverTheLimitWithoutReadingItAll() {
        HeraldException refused = assertThrows(HeraldException.class,
                () -> read("{\"event\":\"x\",\"data\":\"" + "a".repeat(50_000) + "\"}", 1000));
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, refused.type());
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = {'{', '"', (byte) 0xC3, '"', '}'};
        assertEquals(ProblemType.MALFORMED_JSON, assertThrows(HeraldException.class,
                () -> PublishRequest.read(new ByteArrayInputStream(body), 1000)).type());
    }
}
