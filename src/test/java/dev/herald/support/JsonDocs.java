package dev.herald.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * JSON documents as a client may write them, each with what it means (the model) and whether Herald's strict
 * reading must take it: nested arrays and objects (deeper than the limit too), numbers of any length and exponent,
 * strings of any characters written raw or escaped, keys that repeat (also when spelled differently, {@code "a"} and
 * {@code "\\u0061"}), and any JSON whitespace between tokens.
 */
public final class JsonDocs {

    /** The limits of docs/protocol.md: at most 64 levels, numbers of at most 100 characters. */
    public static final int MAX_DEPTH = 64;
    public static final int MAX_NUMBER_CHARS = 100;

    /** One provider for every model built ({@code Json.create...} looks it up again on each call). */
    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * One document: its text, its meaning (null where it has none, e.g. a number whose exponent overflows), how
     * deep it nests, its longest number, and whether it breaks a rule of its own (a repeated key, an unpaired
     * surrogate, a number no decimal can hold).
     */
    public record Doc(String text, JsonValue model, int depth, int longestNumber, boolean wellFormed) {

        /** Whether a strict reader must accept it. */
        public boolean acceptable() {
            return wellFormed && depth <= MAX_DEPTH && longestNumber <= MAX_NUMBER_CHARS;
        }
    }

    private JsonDocs() {
    }

    /**
     * Documents up to three levels deep, and now and then one wrapped in many more (around the limit, or far past
     * it).
     */
    public static Gen<Doc> documents() {
        return JsonDocs::document;
    }

    /** One document from {@code random}. */
    public static Doc document(Random random) {
        return random.nextInt(10) < 8 ? value(random, 3) : deep(random);
    }

    private static Doc value(Random random, int levels) {
        int kind = levels == 0 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> literal(random);
            case 1, 2 -> number(random);
            case 3, 4 -> string(random);
            case 5 -> array(random, levels - 1);
            default -> object(random, levels - 1);
        };
    }

    private static Doc literal(Random random) {
        JsonValue value = List.of(JsonValue.NULL, JsonValue.TRUE, JsonValue.FALSE).get(random.nextInt(3));
        return new Doc(value.toString(), value, 0, 0, true);
    }

    private static String digits(Random random, int min, int max) {
        StringBuilder digits = new StringBuilder();
        int n = min + random.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private static Doc number(Random random) {
        String sign = random.nextBoolean() ? "" : "-";
        int shape = random.nextInt(9);
        String integer = shape < 2 ? "0" : (char) ('1' + random.nextInt(9)) + (shape < 8 ? digits(random, 0, 18)
                : digits(random, 90, 110));
        int f = random.nextInt(8);
        String fraction = f < 4 ? "" : "." + (f < 7 ? digits(random, 1, 18) : digits(random, 90, 110));
        int e = random.nextInt(8);
        String exponent = e < 4 ? "" : (random.nextBoolean() ? "e" : "E") + List.of("", "+", "-").get(random.nextInt(3))
                + (e < 7 ? digits(random, 1, 3) : List.of("999999999", "2147483647", "2147483648", "9999999999",
                "0000000000001").get(random.nextInt(5)));
        String text = sign + integer + fraction + exponent;
        JsonNumber model = null;
        try {
            BigDecimal value = new BigDecimal(text);
            new BigDecimal(value.toString()); // written back as 1E+2147483648 no decimal reader takes
            model = JSON.createValue(value);
        } catch (NumberFormatException | ArithmeticException unrepresentable) {
            // an exponent that overflows a decimal's scale: no reader can hold it
        }
        return new Doc(text, model, 0, text.length(), model != null);
    }

    /** Hostile text: pieces of {@link HostileText#PIECES}, letters and any character, lone surrogates included. */
    public static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(4)) {
                case 0, 1 -> text.append(HostileText.PIECES.get(random.nextInt(HostileText.PIECES.size())));
                case 2 -> text.append((char) ('a' + random.nextInt(26)));
                default -> text.append((char) random.nextInt(0x10000));
            }
        }
        return text.toString();
    }

    private static Doc string(Random random) {
        String text = text(random);
        return new Doc(quote(text, random.nextInt(4) == 0), JSON.createValue(text), 0, 0, !hasUnpairedSurrogate(text));
    }

    private static String whitespace(Random random) {
        return List.of("", "", "", " ", "\n", "\t", "\r\n", " \r ").get(random.nextInt(8));
    }

    private static Doc array(Random random, int levels) {
        List<Doc> items = new ArrayList<>();
        for (int n = random.nextInt(5), i = 0; i < n; i++) {
            items.add(value(random, levels));
        }
        String ws = whitespace(random);
        JsonArrayBuilder model = JSON.createArrayBuilder();
        items.forEach(item -> {
            if (item.model() != null) {
                model.add(item.model());
            }
        });
        String text = "[" + ws + items.stream().map(Doc::text).collect(Collectors.joining(ws + "," + ws)) + ws + "]";
        return new Doc(text, model.build(), 1 + items.stream().mapToInt(Doc::depth).max().orElse(0),
                items.stream().mapToInt(Doc::longestNumber).max().orElse(0), items.stream().allMatch(Doc::wellFormed));
    }

    private static Doc object(Random random, int levels) {
        String ws = whitespace(random);
        JsonObjectBuilder model = JSON.createObjectBuilder();
        Set<String> seen = new HashSet<>();
        boolean wellFormed = true;
        int depth = 0;
        int longest = 0;
        List<String> texts = new ArrayList<>();
        for (int n = random.nextInt(5), i = 0; i < n; i++) {
            String key = random.nextInt(4) < 3 ? List.of("a", "b", "event", "data", "é").get(random.nextInt(5))
                    : text(random);
            Doc value = value(random, levels);
            wellFormed &= seen.add(key) && !hasUnpairedSurrogate(key) && value.wellFormed();
            if (value.model() != null) {
                model.add(key, value.model());
            }
            depth = Math.max(depth, value.depth());
            longest = Math.max(longest, value.longestNumber());
            texts.add(quote(key, random.nextInt(4) == 0) + ws + ":" + ws + value.text());
        }
        return new Doc("{" + ws + String.join(ws + "," + ws, texts) + ws + "}", model.build(), 1 + depth, longest,
                wellFormed);
    }

    /** A small document wrapped in 1 to 300 arrays or objects, most often around the limit. */
    private static Doc deep(Random random) {
        Doc inner = value(random, 1);
        int n = random.nextInt(4) < 3 ? MAX_DEPTH - 4 + random.nextInt(7) : 1 + random.nextInt(300);
        int kind = random.nextInt(3);
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        JsonValue model = inner.model();
        for (int i = n - 1; i >= 0; i--) { // inside out: level 0 is the outermost
            boolean array = kind == 0 || kind == 2 && i % 2 == 0;
            open.insert(0, array ? "[" : "{\"k\":");
            close.append(array ? "]" : "}");
            if (model != null) {
                model = array ? JSON.createArrayBuilder().add(model).build()
                        : JSON.createObjectBuilder().add("k", model).build();
            }
        }
        return new Doc(open + inner.text() + close, model, inner.depth() + n, inner.longestNumber(),
                inner.wellFormed());
    }

    /**
     * A JSON string literal: control characters, quotes and backslashes always escaped, unpaired surrogates too
     * (UTF-8 cannot carry them raw); every other character raw, or escaped as {@code \\uXXXX} when {@code escapeAll}.
     */
    public static String quote(String text, boolean escapeAll) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || escapeAll || Character.isSurrogate(c) && !paired) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    public static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two JSON values mean the same: numbers by value (1.0 = 1.00 = 1E0), objects whatever their order. */
    public static boolean same(JsonValue a, JsonValue b) {
        if (a.getValueType() != b.getValueType()) {
            return false;
        }
        return switch (a.getValueType()) {
            case NUMBER -> ((JsonNumber) a).bigDecimalValue().compareTo(((JsonNumber) b).bigDecimalValue()) == 0;
            case STRING -> ((JsonString) a).getString().equals(((JsonString) b).getString());
            case ARRAY -> a.asJsonArray().size() == b.asJsonArray().size() && sameItems(a.asJsonArray(),
                    b.asJsonArray());
            case OBJECT -> a.asJsonObject().keySet().equals(b.asJsonObject().keySet())
                    && a.asJsonObject().entrySet().stream().allMatch(entry ->
                    same(entry.getValue(), b.asJsonObject().get(entry.getKey())));
            default -> true;
        };
    }

    private static boolean sameItems(List<JsonValue> a, List<JsonValue> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
