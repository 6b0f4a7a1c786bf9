package dev.herald.publish;

import static dev.herald.json.SharedJson.JSON;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * Reads one JSON value from untrusted text in a single streaming pass, stricter than {@code JsonReader}:
 * at most {@value #MAX_DEPTH} levels of nesting, numbers of at most {@value #MAX_NUMBER_CHARS} characters,
 * no string with an unpaired surrogate (UTF-8 cannot carry one: it would reach subscribers as {@code ?}),
 * no key twice in one object (JSON-P keeps the last one silently, so {@code {"event":"error","event":"ok"}}
 * would mean whatever the last parser in a chain decides), and nothing but whitespace after the value.
 * Strings are bounded by the body size the caller reads.
 * <p>
 * Every refusal is {@code malformed-json}: the parser's own limits (Parsson's depth and number scale) throw
 * runtime exceptions that are not {@code JsonException}, which must never become a {@code 500}.
 */
final class StrictJson {

    /** Deep enough for any real payload; far below where a recursive consumer of the data would overflow. */
    static final int MAX_DEPTH = 64;
    /** A double has 17 significant digits; 100 characters leave room for any sane decimal and exponent. */
    static final int MAX_NUMBER_CHARS = 100;

    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = JSON.createBuilderFactory(Map.of());

    private StrictJson() {
    }

    static JsonValue parse(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            JsonValue value = new Pass(parser).value();
            if (parser.hasNext()) {
                throw malformed("The request body holds more than one JSON value.");
            }
            return value;
        } catch (HeraldException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonParsingException, and whatever the implementation throws for its own limits.
            throw malformed("The request body is not valid JSON.");
        }
    }

    private static HeraldException malformed(String detail) {
        return new HeraldException(ProblemType.MALFORMED_JSON, detail);
    }

    /** One open object or array while the pass is inside it. */
    private static final class Container {
        final JsonObjectBuilder object;
        final JsonArrayBuilder array;
        final Set<String> keys;
        String key;

        private Container(JsonObjectBuilder object, JsonArrayBuilder array) {
            this.object = object;
            this.array = array;
            this.keys = object == null ? null : new HashSet<>();
        }

        static Container object() {
            return new Container(BUILDERS.createObjectBuilder(), null);
        }

        static Container array() {
            return new Container(null, BUILDERS.createArrayBuilder());
        }

        void add(JsonValue value) {
            if (object != null) {
                object.add(key, value);
            } else {
                array.add(value);
            }
        }

        JsonValue build() {
            return object != null ? object.build() : array.build();
        }
    }

    /** Builds the value event by event, checking each limit before the value is kept. */
    private static final class Pass {
        private final JsonParser parser;
        private final Deque<Container> open = new ArrayDeque<>();

        Pass(JsonParser parser) {
            this.parser = parser;
        }

        JsonValue value() {
            if (!parser.hasNext()) {
                throw malformed("The request body is empty.");
            }
            while (true) {
                JsonValue done = switch (parser.next()) {
                    case START_OBJECT -> enter(Container.object());
                    case START_ARRAY -> enter(Container.array());
                    case KEY_NAME -> key(parser.getString());
                    case END_OBJECT, END_ARRAY -> open.pop().build();
                    case VALUE_NUMBER -> number();
                    case VALUE_STRING -> text(parser.getString(), parser.getValue());
                    default -> parser.getValue(); // true, false, null
                };
                if (done != null) {
                    if (open.isEmpty()) {
                        return done;
                    }
                    open.peek().add(done);
                }
            }
        }

        private JsonValue enter(Container container) {
            if (open.size() >= MAX_DEPTH) {
                throw malformed("The request body nests deeper than " + MAX_DEPTH + " levels.");
            }
            open.push(container);
            return null;
        }

        private JsonValue key(String key) {
            text(key, null);
            Container object = open.peek();
            if (!object.keys.add(key)) {
                throw malformed("The request body repeats a key inside one object.");
            }
            object.key = key;
            return null;
        }

        /**
         * A string or key with an unpaired surrogate ({@code "\\ud800"}) is refused: it is not Unicode text, and
         * UTF-8 cannot carry it, so every subscriber would silently get {@code "?"} instead.
         */
        private JsonValue text(String text, JsonValue value) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw malformed("The request body holds a string with an unpaired surrogate (\\uD800-\\uDFFF).");
                }
            }
            return value;
        }

        /**
         * The number's text is checked before anything converts it (a 60,000-digit number is cheap to refuse);
         * then that JSON-P writes it back in a form a decimal reader takes: {@code -955E2147483647} reads, but is
         * written {@code -9.55E+2147483649}, which no reader (Parsson, Jackson, BigDecimal) can read back.
         */
        private JsonValue number() {
            if (parser.getString().length() > MAX_NUMBER_CHARS) {
                throw malformed("The request body holds a number longer than " + MAX_NUMBER_CHARS + " characters.");
            }
            JsonValue number = parser.getValue();
            try {
                new java.math.BigDecimal(number.toString());
            } catch (NumberFormatException unwritable) {
                throw malformed("The request body holds a number whose exponent is out of range.");
            }
            return number;
        }
    }
}
