package dev.herald.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.HostileText;
import dev.herald.support.JsonDocs;
import dev.herald.support.JsonDocs.Doc;

/**
 * Whatever text arrives, the strict reading either gives the value it means, which JSON-P writes back as one line
 * that any JSON reader takes for the same value, or refuses it as {@code malformed-json}: never another exception,
 * never a stack overflow.
 */
class StrictJsonProperties {

    @Provide
    Arbitrary<Doc> documents() {
        return JsonDocs.documents();
    }

    @Provide
    Arbitrary<String> trailers() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("", " ", "\n", "\r\n\t ")),
                Tuple.of(2, Arbitraries.of(" x", "{}", "[]", "1", "\"a\"", ",", "]", "}", "\0", "\uFEFF", "null",
                        " //", "/*", "\u00A0", "\u2028")),
                Tuple.of(1, HostileText.text()));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void aDocumentIsReadAsWhatItMeansOrIsMalformed(@ForAll("documents") Doc doc, @ForAll("trailers") String trailer) {
        boolean blank = trailer.chars().allMatch(c -> " \t\r\n".indexOf(c) >= 0);
        String text = doc.text() + (blank ? trailer : " " + trailer); // a space: "1" after 5e+5 is no second value
        boolean acceptable = doc.acceptable() && blank;
        Statistics.label("outcome").collect(acceptable ? "accepted" : "malformed");
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").percentage(p -> p > 30);
            coverage.check("malformed").percentage(p -> p > 15);
        });
        if (!acceptable) {
            assertMalformed(text);
            return;
        }
        JsonValue value = StrictJson.parse(text);
        assertTrue(JsonDocs.same(doc.model(), value), () -> "read as " + value + ", meant " + doc.model());
        assertWrittenBackAsTheSameValue(value);
    }

    /** Any text at all, and documents cut short or with a character changed: a value, or malformed. */
    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void anyTextIsAValueOrMalformed(@ForAll("texts") String text) {
        JsonValue value;
        try {
            value = StrictJson.parse(text);
        } catch (HeraldException refused) {
            assertEquals(ProblemType.MALFORMED_JSON, refused.type());
            return;
        }
        assertWrittenBackAsTheSameValue(value);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> cut = Combinators.combine(JsonDocs.documents(), Arbitraries.doubles().between(0, 1))
                .as((doc, where) -> doc.text().substring(0, (int) (where * doc.text().length())));
        Arbitrary<String> changed = Combinators.combine(JsonDocs.documents(), Arbitraries.doubles().between(0, 1),
                Arbitraries.of(HostileText.PIECES)).as((doc, where, piece) -> {
                    int at = (int) (where * doc.text().length());
                    return doc.text().substring(0, at) + piece + doc.text().substring(Math.min(doc.text().length(),
                            at + 1));
                });
        return Arbitraries.frequencyOf(Tuple.of(2, HostileText.text()), Tuple.of(2, cut), Tuple.of(2, changed),
                Tuple.of(1, Arbitraries.strings().withChars("[]{}\":,0123456789.eE+-truefalsn \\u").ofMaxLength(60)));
    }

    /** Nesting far past the limit, closed or not, of arrays, objects or both: malformed, in one bounded pass. */
    @Property(tries = 200)
    void deepNestingIsMalformedNeverAStackOverflow(@ForAll @IntRange(min = JsonDocs.MAX_DEPTH + 1, max = 200_000)
                                                    int depth,
                                                    @ForAll("openers") String opener, @ForAll boolean closed) {
        StringBuilder text = new StringBuilder(depth * opener.length() * 2);
        text.append(opener.repeat(depth)).append('1');
        if (closed) {
            text.append(opener.startsWith("[") ? "]".repeat(depth) : "}".repeat(depth));
        }
        assertMalformed(text.toString());
    }

    @Provide
    Arbitrary<String> openers() {
        return Arbitraries.of("[", "{\"a\":", "[{\"a\":", "[[[[");
    }

    private static void assertMalformed(String text) {
        HeraldException refused = assertThrows(HeraldException.class, () -> StrictJson.parse(text));
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
