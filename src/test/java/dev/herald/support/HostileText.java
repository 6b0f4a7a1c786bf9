package dev.herald.support;

import static dev.herald.support.Gen.weighted;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a hostile client puts into names, ids, headers and payloads, as generators shared by the property tests
 * and the fuzzing integration test: line breaks of every kind, field prefixes, NUL, lone surrogates, line and
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

    /** Name characters after the first: letters, digits and {@code . _ -}. */
    public static final String NAME_CHARS = Gen.ALPHA + Gen.DIGITS + "._-";

    private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {'\r'}, new byte[] {'\n'},
            new byte[] {(byte) 0xE2, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x80, (byte) 0xA8},
            new byte[] {(byte) 0xC0, (byte) 0x8A}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

    private HostileText() {
    }

    /** Any string of hostile pieces, letters and arbitrary characters (lone surrogates included), up to ~40 pieces. */
    public static Gen<String> text() {
        Gen<String> piece = Gen.frequency(
                weighted(5, Gen.of(PIECES)),
                weighted(2, Gen.strings(Gen.ALPHA + Gen.DIGITS, 1, 6)),
                weighted(2, Gen.anyStrings(1, 3)));
        Gen<String> pieces = piece.list(0, 40).map(list -> String.join("", list));
        return Gen.frequency(
                weighted(4, pieces),
                weighted(1, Gen.anyStrings(0, 80)),
                weighted(1, Gen.asciiStrings(0, 80)));
    }

    /** {@code valid} as it is, with one hostile piece inserted anywhere, with a character more, or cut short. */
    public static Gen<String> nearMisses(Gen<String> valid) {
        Gen<String> inserted = random -> {
            String text = valid.next(random);
            int at = random.nextInt(text.length() + 1);
            return text.substring(0, at) + PIECES.get(random.nextInt(PIECES.size())) + text.substring(at);
        };
        Gen<String> longer = random -> valid.next(random) + NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length()));
        Gen<String> shorter = valid.map(text -> text.substring(0, text.length() / 2));
        return Gen.frequency(weighted(2, valid), weighted(3, inserted), weighted(1, longer), weighted(1, shorter));
    }

    /** Names by Herald's rules: 1 to 64 characters from {@code A-Z a-z 0-9 . _ -}, the first one from {@code first}. */
    public static Gen<String> names(String first) {
        Gen<String> rest = Gen.frequency(
                weighted(4, Gen.strings(NAME_CHARS, 0, 20)),
                weighted(1, Gen.strings(NAME_CHARS, 63, 63)));
        return random -> first.charAt(random.nextInt(first.length())) + rest.next(random);
    }

    /** Bytes that are often not UTF-8: any byte, CR and LF, and pieces of multi-byte sequences. */
    public static Gen<byte[]> bytes() {
        Gen<byte[]> anyBytes = random -> {
            byte[] some = new byte[1 + random.nextInt(4)];
            random.nextBytes(some);
            return some;
        };
        Gen<byte[]> piece = Gen.frequency(
                weighted(3, anyBytes),
                weighted(3, text().map(text -> text.getBytes(StandardCharsets.UTF_8))),
                weighted(2, Gen.of(BAD_UTF8)));
        return piece.list(0, 20).map(HostileText::concat);
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
     * A name by the rules straight from a {@link java.util.Random}, as the fuzzing integration test draws them (its
     * fixed seed gives the samples it was checked with), {@code alphaFirst}: an event name.
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
