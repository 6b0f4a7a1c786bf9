package dev.herald.publish;

import static dev.herald.support.Gen.weighted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.Gen;
import dev.herald.support.HostileText;
import dev.herald.support.JsonDocs;
import dev.herald.support.JsonDocs.Doc;
import dev.herald.support.Samples;

/**
 * Whatever text arrives, the strict reading either gives the value it means, which JSON-P writes back as one line
 * that any JSON reader takes for the same value, or refuses it as {@code malformed-json}: never another exception,
 * never a stack overflow.
 */
class StrictJsonProperties {

    static Gen<String> trailers() {
        return Gen.frequency(weighted(6, Gen.of("", " ", "\n", "\r\n\t ")),
                weighted(2, Gen.of(" x", "{}", "[]", "1", "\"a\"", ",", "]", "}", "\0", "\uFEFF", "null",
                        " //", "/*", "\u00A0", "\u2028")),
                weighted(1, HostileText.text()));
    }

    /** A document and what follows it. */
    record Trailed(Doc doc, String trailer) {
    }

    @Test
    void aDocumentIsReadAsWhatItMeansOrIsMalformed() {
        Gen<String> trailers = trailers();
        Samples.Tally outcomes = Samples.check(1000,
                random -> new Trailed(JsonDocs.document(random), trailers.next(random)), (sample, tally) -> {
                    Doc doc = sample.doc();
                    String trailer = sample.trailer();
                    boolean blank = trailer.chars().allMatch(c -> " \t\r\n".indexOf(c) >= 0);
                    String text = doc.text() + (blank ? trailer : " " + trailer); // "1" after 5e+5 is no 2nd value
                    boolean acceptable = doc.acceptable() && blank;
                    tally.count(acceptable ? "accepted" : "malformed");
                    if (!acceptable) {
                        assertMalformed(text);
                        return;
                    }
                    JsonValue value = StrictJson.parse(text);
                    assertTrue(JsonDocs.same(doc.model(), value), () -> "read as " + value + ", meant " + doc.model());
                    assertWrittenBackAsTheSameValue(value);
                });
        outcomes.assertShareAbove("accepted", 30);
        outcomes.assertShareAbove("malformed", 15);
    }

    /** Any text at all, and documents cut short or with a character changed: a value, or malformed. */
    @Test
    void anyTextIsAValueOrMalformed() {
        Samples.check(2000, texts(), text -> {
            JsonValue value;
            try {
                value = StrictJson.parse(text);
            } catch (HeraldException refused) {
                assertEquals(ProblemType.MALFORMED_JSON, refused.type());
                return;
            }
            assertWrittenBackAsTheSameValue(value);
        });
    }

    static Gen<String> texts() {
        Gen<String> cut = random -> {
            String doc = JsonDocs.document(random).text();
            return doc.substring(0, (int) (random.nextDouble() * doc.length()));
        };
        Gen<String> changed = random -> {
            String doc = JsonDocs.document(random).text();
            int at = (int) (random.nextDouble() * doc.length());
            String piece = HostileText.PIECES.get(random.nextInt(HostileText.PIECES.size()));
            return doc.substring(0, at) + piece + doc.substring(Math.min(doc.length(), at + 1));
        };
        return Gen.frequency(weighted(2, HostileText.text()), weighted(2, cut), weighted(2, changed),
                weighted(1, Gen.strings("[]{}\":,0123456789.eE+-truefalsn \\u", 0, 60)));
    }

    /** How deep, of what, closed or not. */
    record Nesting(int depth, String opener, boolean closed) {
    }

    /** Nesting far past the limit, closed or not, of arrays, objects or both: malformed, in one bounded pass. */
    @Test
    void deepNestingIsMalformedNeverAStackOverflow() {
        Gen<Integer> depths = Gen.ints(JsonDocs.MAX_DEPTH + 1, 200_000);
        Gen<String> openers = Gen.of("[", "{\"a\":", "[{\"a\":", "[[[[");
        Samples.check(200, random -> new Nesting(depths.next(random), openers.next(random), random.nextBoolean()),
                nesting -> {
                    int depth = nesting.depth();
                    String opener = nesting.opener();
                    StringBuilder text = new StringBuilder(depth * opener.length() * 2);
                    text.append(opener.repeat(depth)).append('1');
                    if (nesting.closed()) {
                        text.append(opener.startsWith("[") ? "]".repeat(depth) : "}".repeat(depth));
                    }
                    assertMalformed(text.toString());
                });
    }

    /**
     * Found by this property (commit 7ed733b, shrunk sample {@code "\ud800"}): a string holding an unpaired
     * surrogate was accepted and reached every subscriber as {@code "?"}, which UTF-8 cannot carry. Now malformed,
     * as text and as a publish body.
     */
    @Test
    void regressionAnUnpairedSurrogateIsMalformed() {
        assertMalformed("\"\\ud800\"");
        assertMalformedBody("{\"event\":\"e\",\"data\":\"\\ud800\"}");
    }

    /**
     * Found by this property (commit 7ed733b, shrunk sample {@code -955E2147483647}): the number was accepted and
     * written to subscribers as {@code -9.55E+2147483649}, which no decimal reader can read. Now malformed, as text
     * and as a publish body.
     */
    @Test
    void regressionANumberNoReaderCanReadBackIsMalformed() {
        assertMalformed("-955E2147483647");
        assertMalformedBody("{\"event\":\"e\",\"data\":-955E2147483647}");
    }

    private static void assertMalformed(String text) {
        HeraldException refused = assertThrows(HeraldException.class, () -> StrictJson.parse(text));
        assertEquals(ProblemType.MALFORMED_JSON, refused.type());
    }

    private static void assertMalformedBody(String body) {
        HeraldException refused = assertThrows(HeraldException.class,
                () -> PublishRequest.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ProblemType.MALFORMED_JSON, refused.type());
    }

    /** What a publish sends on: compact JSON on one line, which a plain JSON reader reads as the same value. */
    static void assertWrittenBackAsTheSameValue(JsonValue value) {
        String written = value.toString();
        assertFalse(written.contains("\n") || written.contains("\r"), "one line: " + written);
        JsonValue again = Json.createReader(new StringReader(written)).readValue();
        assertTrue(JsonDocs.same(value, again), () -> written + " reads back as " + again);
    }
}
