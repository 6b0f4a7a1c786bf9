package dev.herald.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

class PublishRequestTest {

    private static PublishRequest parse(String body) {
        return PublishRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheEventNameAndAnyJsonData() {
        PublishRequest request = parse("{\"event\":\"order-updated\",\"data\":{\"id\":7}}");
        assertEquals("order-updated", request.event());
        assertEquals(Json.createObjectBuilder().add("id", 7).build(), request.data());
        assertEquals(Json.createValue("text"), parse("{\"event\":\"x\",\"data\":\"text\"}").data());
    }

    @Test
    void keepsTheDataAsSent() {
        String data = "{\"a\":[1,2.5,-3e2,true,false,null,\"s\\n\"],\"b\":{\"c\":{}},\"d\":[]}";
        assertEquals(data, parse("{\"event\":\"x\",\"data\":" + data + "}").data().toString()
                .replace("-3E+2", "-3e2"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"event\": | MALFORMED_JSON",
            "not json | MALFORMED_JSON",
            "'' | MALFORMED_JSON",
            "[1] | INVALID_EVENT",
            "{\"data\":1} | INVALID_EVENT",
            "{\"event\":1,\"data\":1} | INVALID_EVENT",
            "{\"event\":\"x\"} | INVALID_EVENT",
            "{\"event\":\"x\",\"data\":1,\"extra\":2} | INVALID_EVENT",
            // JsonReader kept the last of two keys: this published "ok", not the reserved "error".
            "{\"event\":\"error\",\"event\":\"ok\",\"data\":1} | MALFORMED_JSON",
            "{\"event\":\"x\",\"data\":{\"a\":1,\"b\":{\"c\":1,\"c\":2}}} | MALFORMED_JSON",
            "{\"event\":\"x\",\"data\":[{\"k\":1},{\"k\":2,\"k\":3}]} | MALFORMED_JSON",
            "{\"event\":\"x\",\"data\":1} xyz | MALFORMED_JSON",
            "{\"event\":\"x\",\"data\":1}{\"event\":\"y\",\"data\":2} | MALFORMED_JSON",
            "{\"event\":\"x\",\"data\":1}} | MALFORMED_JSON",
            "{\"event\":\"x\",\"data\":1} 1 | MALFORMED_JSON",
            "{\"event\":\"x\",\"data\":01} | MALFORMED_JSON",
            "{\"event\":\"x\",\"data\":NaN} | MALFORMED_JSON",
            "{\"event\":\"x\",\"data\":[1,]} | MALFORMED_JSON"})
    void refusesBadBodiesWithATypedProblem(String body, ProblemType expected) {
        assertEquals(expected, assertThrows(HeraldException.class, () -> parse(body)).type());
    }

    @Test
    void whitespaceAfterTheValueIsFine() {
        assertEquals("x", parse(" \t{\"event\":\"x\",\"data\":1}\r\n \n").event());
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = {'{', '"', (byte) 0xC3, '"', '}'};
        assertEquals(ProblemType.MALFORMED_JSON,
                assertThrows(HeraldException.class, () -> PublishRequest.parse(body)).type());
    }
}
