package dev.herald.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What a hostile client puts into names, ids, headers and payloads, as jqwik arbitraries shared by the property
 * tests and the fuzzing integration test: line breaks of every kind, field prefixes, NUL, lone surrogates, line and
 * paragraph separators, a BOM, characters that look like ASCII, and any other character; and near misses of the
 * valid forms (a valid name with one such piece inserted, or one character too long).
 */
public final class HostileText {

    /** Pieces that mean something to an event-stream parser, an HTTP head, a URL or a JSON parser. */
    public static final List<String> PIECES = List.of(
            "\r", "\n", "\r\n", "\n\n", "\r\r", "\n\r", "\u2028", "\u2029", "\u0085", "\u000B", "\f", "\0", "\t",
            "\uD800", "\uDFFF", "\uDBFF", "\uD83D\uDE00", "\uFEFF", "\uFFFD", "\u00A0", "\u0130", "\u017F", "\u212A",
            "\uFF10", "\u0663", ":", ": ", " ", "data:", "data: x", "event:", "event: error", "id:", "id: 1",
            "retry:", "retry: 1", "\n\ndata: injected\n\n", "\nevent: error\ndata: {}\n\n", "%", "%0A", "%2F",
            "/", "..", ".", "?", "#", ";", "\\", "\"", "'", "{", "}", "[", "]", ",", "é", "東京", "a", "Z", "0", "-", "_");

    private HostileText() {
    }

    /** Any string of hostile pieces, letters and arbitrary characters (lone surrogates included), up to ~40 pieces. */
    public static Arbitrary<String> text() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(PIECES)),
                Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6)),
                Tuple.of(2, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(3)));
        Arbitrary<String> pieces = piece.list().ofMaxSize(40).map(list -> String.join("", list));
        return Arbitraries.frequencyOf(
                Tuple.of(4, pieces),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(80)),
                Tuple.of(1, Arbitraries.strings().ascii().ofMaxLength(80)));
    }

    /** {@code valid} as it is, with one hostile piece inserted anywhere, with a character more, or cut short. */
    public static Arbitrary<String> nearMisses(Arbitrary<String> valid) {
        Arbitrary<String> inserted = Combinators.combine(valid, Arbitraries.of(PIECES), Arbitraries.doubles()
                .between(0, 1)).as((text, piece, where) -> {
                    int at = (int) Math.round(where * text.length());
                    return text.substring(0, at) + piece + text.substring(at);
                });
        Arbitrary<String> longer = Combinators.combine(valid, Arbitraries.strings().alpha().numeric()
                .withChars("._-").ofLength(1)).as((text, more) -> text + more);
        Arbitrary<String> shorter = valid.map(text -> text.substring(0, text.length() / 2));
        return Arbitraries.frequencyOf(Tuple.of(2, valid), Tuple.of(3, inserted), Tuple.of(1, longer),
                Tuple.of(1, shorter));
    }

    /** Names by Herald's rules: 1 to 64 characters from {@code A-Z a-z 0-9 . _ -}, the first one from {@code first}. */
    public static Arbitrary<String> names(Arbitrary<Character> first) {
        Arbitrary<String> rest = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars("._-").ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().withChars("._-").ofLength(63)));
        return Combinators.combine(first, rest).as((head, tail) -> head + tail);
    }

    /** Bytes that are often not UTF-8: any byte, CR and LF, and pieces of multi-byte sequences. */
    public static Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4)),
                Tuple.of(3, text().map(text -> text.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.of(new byte[] {'\r'}, new byte[] {'\n'}, new byte[] {(byte) 0xE2, (byte) 0x80},
                        new byte[] {(byte) 0xE2, (byte) 0x80, (byte) 0xA8}, new byte[] {(byte) 0xC0, (byte) 0x8A},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})));
        return piece.list().ofMaxSize(20).map(HostileText::concat);
    }

    private static byte[] concat(List<byte[]> parts) {
        int size = parts.stream().mapToInt(part -> part.length).sum();
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** What a string becomes on the wire: UTF-8 has no lone surrogates, so Java writes each as {@code ?}. */
    public static String onWire(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /**
     * The same kinds of input from a plain {@link java.util.Random}, for tests outside jqwik (an Arquillian test:
     * jqwik refuses to generate off its own threads): a name by the rules ({@code alphaFirst}: an event name).
     */
    public static String name(java.util.Random random, boolean alphaFirst) {
        String alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        String rest = alpha + "0123456789._-";
        StringBuilder name = new StringBuilder().append((alphaFirst ? alpha : alpha + "0123456789")
                .charAt(random.nextInt(alphaFirst ? 52 : 62)));
        for (int n = random.nextInt(8) == 0 ? 63 : random.nextInt(20), i = 0; i < n; i++) {
            name.append(rest.charAt(random.nextInt(rest.length())));
        }
        return name.toString();
    }

    /** {@code valid} as it is, with a piece inserted, a character more, or cut short. */
    public static String nearMiss(java.util.Random random, String valid) {
        return switch (random.nextInt(7)) {
            case 0, 1 -> valid;
            case 2, 3, 4 -> {
                int at = random.nextInt(valid.length() + 1);
                yield valid.substring(0, at) + PIECES.get(random.nextInt(PIECES.size())) + valid.substring(at);
            }
            case 5 -> valid + "x";
            default -> valid.substring(0, valid.length() / 2);
        };
    }
}
