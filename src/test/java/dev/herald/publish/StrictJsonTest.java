package dev.herald.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/** The limits of the strict pass, at and just past each boundary, and the inputs that used to become a 500. */
class StrictJsonTest {

    private static HeraldException refused(String text) {
        HeraldException refused = assertThrows(HeraldException.class, () -> StrictJson.parse(text));
        assertEquals(ProblemType.MALFORMED_JSON, refused.type());
        assertFalse(refused.closesConnection(), "the whole body was read: the connection stays usable");
        return refused;
    }

    private static String nested(int depth, String open, String close) {
        return open.repeat(depth) + close.repeat(depth);
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        assertEquals(JsonValue.ValueType.ARRAY, StrictJson.parse(nested(StrictJson.MAX_DEPTH, "[", "]"))
                .getValueType());
        String objects = "{\"a\":".repeat(StrictJson.MAX_DEPTH - 1) + "{}" + "}".repeat(StrictJson.MAX_DEPTH - 1);
        assertEquals(JsonValue.ValueType.OBJECT, StrictJson.parse(objects).getValueType());
    }

    @Test
    void nestingPastTheLimitIsMalformed() {
        assertTrue(refused(nested(StrictJson.MAX_DEPTH + 1, "[", "]")).detail().contains("deeper"));
        refused("{\"a\":".repeat(StrictJson.MAX_DEPTH) + "{}" + "}".repeat(StrictJson.MAX_DEPTH));
    }

    /** What crashed the server's parser (Parsson stops at 1,000 levels with a non-JSON exception). */
    @ParameterizedTest
    @ValueSource(ints = {1_000, 1_001, 100_000})
    void veryDeepNestingIsMalformed(int depth) {
        refused(nested(depth, "[", "]"));
        refused(nested(depth, "[", ""));
        refused("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    @Test
    void numbersUpToTheLimitAreAccepted() {
        String longest = "1".repeat(StrictJson.MAX_NUMBER_CHARS);
        assertEquals(longest, StrictJson.parse(longest).toString());
        String decimal = "-1." + "5".repeat(StrictJson.MAX_NUMBER_CHARS - 7) + "e+10";
        assertEquals(StrictJson.MAX_NUMBER_CHARS, decimal.length());
        assertEquals(JsonValue.ValueType.NUMBER, StrictJson.parse(decimal).getValueType());
    }

    @ParameterizedTest
    @ValueSource(ints = {StrictJson.MAX_NUMBER_CHARS + 1, 60_000})
    void longerNumbersAreMalformed(int digits) {
        assertTrue(refused("[" + "9".repeat(digits) + "]").detail().contains("number"));
        refused("{\"n\":0." + "1".repeat(digits) + "}");
        refused("{\"n\":1e" + "1".repeat(digits) + "}");
    }

    @Test
    void duplicateKeysAreMalformedAtAnyDepth() {
        assertTrue(refused("{\"a\":1,\"a\":1}").detail().contains("repeats"));
        refused("{\"a\":{\"b\":[{\"c\":1,\"d\":2,\"c\":3}]}}");
        // the same key in sibling objects is no duplicate
        assertEquals("{\"a\":[{\"k\":1},{\"k\":2}],\"b\":{\"k\":3}}",
                StrictJson.parse("{\"a\":[{\"k\":1},{\"k\":2}],\"b\":{\"k\":3}}").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} xyz", "{}{}", "[] []", "1 2", "\"a\" \"b\"", "{}]", "null null", "{} \u0000"})
    void anythingButWhitespaceAfterTheValueIsMalformed(String text) {
        refused(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[1,", "{\"a\"}", "{\"a\":}", "\"unterminated", "tru", "{'a':1}",
            "{\"a\":1,}", "\"\u0001\""})
    void brokenJsonIsMalformed(String text) {
        refused(text);
    }

    @Test
    void keepsScalarsAsJsonP() {
        assertEquals(JsonValue.TRUE, StrictJson.parse(" true "));
        assertEquals(JsonValue.NULL, StrictJson.parse("null"));
        assertEquals("\"a\\nb\"", StrictJson.parse("\"a\\nb\"").toString());
    }

    /** Found by StrictJsonProperties: both were accepted, then reached subscribers as "?" or as unreadable JSON. */
    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "[\"a\\udfffb\"]", "{\"\\udbff\":1}", "-955E2147483647", "[1e-2147483648]"})
    void unpairedSurrogatesAndNumbersNoReaderCanReadBackAreMalformed(String text) {
        refused(text);
    }

    @Test
    void pairedSurrogatesAndLargeExponentsThatReadBackAreAccepted() {
        assertEquals("\"\uD83D\uDE00\"", StrictJson.parse("\"\\ud83d\\ude00\"").toString());
        assertEquals("1E+999999999", StrictJson.parse("1e999999999").toString());
    }
}
