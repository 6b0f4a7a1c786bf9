package dev.herald.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A generator of test samples from a {@link Random}: the few combinators the property tests need (a choice by
 * weight, strings from an alphabet, numbers that favour their bounds, lists), and nothing else. Drawn from one
 * random source, so one seed gives the same sample again ({@link Samples}).
 */
@FunctionalInterface
public interface Gen<T> {

    /** Letters as a name may hold them. */
    String ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    String DIGITS = "0123456789";

    /** Characters a generator returns more often than chance would: the ends of the range and the usual suspects. */
    String EDGE_CHARS = "\0 \uFFFF\uD800\uDFFFa";

    T next(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    /** This, or null with probability {@code share}. */
    default Gen<T> orNull(double share) {
        return random -> random.nextDouble() < share ? null : next(random);
    }

    /** Lists of {@code min} to {@code max} samples, the shortest and the longest more often than chance. */
    default Gen<List<T>> list(int min, int max) {
        return random -> {
            List<T> list = new ArrayList<>();
            for (int n = size(random, min, max), i = 0; i < n; i++) {
                list.add(next(random));
            }
            return list;
        };
    }

    /** One of the given values. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    static <T> Gen<T> of(List<T> values) {
        return random -> values.get(random.nextInt(values.size()));
    }

    static <T> Gen<T> just(T value) {
        return random -> value;
    }

    /** A generator chosen by weight, as {@code weighted(5, a), weighted(1, b)}: a five times as often as b. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        int total = 0;
        for (Weighted<? extends T> choice : choices) {
            total += choice.weight();
        }
        int sum = total;
        return random -> {
            int pick = random.nextInt(sum);
            for (Weighted<? extends T> choice : choices) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new AssertionError("unreachable");
        };
    }

    static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    record Weighted<T>(int weight, Gen<? extends T> gen) {
    }

    /** A number from {@code min} to {@code max}: each bound one time in ten, a small one often, else any. */
    static Gen<Long> longs(long min, long max) {
        return random -> switch (random.nextInt(10)) {
            case 0 -> min;
            case 1 -> max;
            case 2, 3 -> max - min < 1000 ? min + random.nextInt((int) (max - min) + 1) : min + random.nextInt(1000);
            default -> max == Long.MAX_VALUE ? random.nextLong(min, max) : random.nextLong(min, max + 1);
        };
    }

    static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /** Any int: 0, ±1, the extremes, small ones and any other. */
    static Gen<Integer> anyInt() {
        return random -> switch (random.nextInt(8)) {
            case 0 -> List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE).get(random.nextInt(5));
            case 1, 2 -> random.nextInt(-100, 101);
            default -> random.nextInt();
        };
    }

    /** Strings of {@code min} to {@code max} characters of {@code alphabet}. */
    static Gen<String> strings(String alphabet, int min, int max) {
        return strings(random -> alphabet.charAt(random.nextInt(alphabet.length())), min, max);
    }

    /** Strings of any UTF-16 code units (lone surrogates and noncharacters included). */
    static Gen<String> anyStrings(int min, int max) {
        return strings(Gen::anyChar, min, max);
    }

    /** Strings of printable and control ASCII. */
    static Gen<String> asciiStrings(int min, int max) {
        return strings(random -> (char) random.nextInt(128), min, max);
    }

    private static Gen<String> strings(Gen<Character> chars, int min, int max) {
        return random -> {
            StringBuilder text = new StringBuilder();
            for (int n = size(random, min, max), i = 0; i < n; i++) {
                text.append(chars.next(random));
            }
            return text.toString();
        };
    }

    /** Any char, an {@link #EDGE_CHARS edge char} one time in ten. */
    static char anyChar(Random random) {
        return random.nextInt(10) == 0 ? EDGE_CHARS.charAt(random.nextInt(EDGE_CHARS.length()))
                : (char) random.nextInt(0x10000);
    }

    /** A size from min to max: each bound one time in eight, a small one often (where the bugs are). */
    private static int size(Random random, int min, int max) {
        return switch (random.nextInt(8)) {
            case 0 -> min;
            case 1 -> max;
            case 2, 3 -> min + random.nextInt(Math.min(max - min, 3) + 1);
            default -> min + random.nextInt(max - min + 1);
        };
    }
}
