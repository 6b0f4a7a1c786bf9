package dev.herald.support;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs a property on many generated samples, reproducibly. Each sample comes from a {@link Random} of its own
 * seed; the first sample's seed is the run's seed ({@code -Dherald.property.seed=...}, otherwise a fresh one each
 * run), so the seed a failure prints replays that very sample first:
 * {@code mvn -B test -Dtest=SseWireProperties#aCommentIsOnlyComments -Dherald.property.seed=<seed>
 * -Dherald.property.tries=1}. {@code -Dherald.property.tries=N} runs N samples of every property instead of its own
 * count. No shrinking: the samples are small by construction, and the failing one is printed whole.
 */
public final class Samples {

    private static final Long SEED = Long.getLong("herald.property.seed");
    private static final Integer TRIES = Integer.getInteger("herald.property.tries");
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Samples() {
    }

    /** Checks {@code property} on {@code tries} samples of {@code gen}; a failure names the sample and its seed. */
    public static <T> void check(int tries, Gen<T> gen, Consumer<? super T> property) {
        run(tries, gen, (sample, outcomes) -> property.accept(sample));
    }

    /**
     * The same, with a tally of the samples' outcomes that the property counts into, returned for the caller to
     * check the shares on (its failures name the run's seed too).
     */
    public static <T> Tally check(int tries, Gen<T> gen, BiConsumer<? super T, Tally> property) {
        return run(tries, gen, property);
    }

    private static <T> Tally run(int tries, Gen<T> gen, BiConsumer<? super T, Tally> property) {
        String test = testName();
        long runSeed = SEED != null ? SEED : new SplittableRandom().nextLong();
        int n = TRIES != null ? TRIES : tries;
        Tally outcomes = new Tally(test, runSeed);
        for (int i = 0; i < n; i++) {
            long seed = i == 0 ? runSeed : mix(runSeed + i * GOLDEN);
            T sample = gen.next(new Random(seed));
            try {
                property.accept(sample, outcomes);
            } catch (Throwable failure) { // as a property test does: any exception is a counterexample
                String message = String.format("%s failed on sample %d of %d (run seed %d): %s%n  replay: mvn -B test"
                        + " -Dtest=%s -Dherald.property.seed=%d -Dherald.property.tries=1", test, i + 1, n, runSeed,
                        describe(sample), test, seed);
                System.err.println(message);
                throw new AssertionError(message, failure);
            }
        }
        return outcomes;
    }

    /** The calling test as -Dtest takes it: its class and the method (not a lambda in it) that called us. */
    private static String testName() {
        List<StackWalker.StackFrame> frames = StackWalker.getInstance().walk(stack -> stack
                .dropWhile(frame -> frame.getClassName().equals(Samples.class.getName())).toList());
        String caller = frames.get(0).getClassName();
        StackWalker.StackFrame method = frames.stream().filter(frame -> frame.getClassName().equals(caller)
                && !frame.getMethodName().startsWith("lambda$")).findFirst().orElse(frames.get(0));
        return caller.substring(caller.lastIndexOf('.') + 1) + "#" + method.getMethodName();
    }

    /** SplitMix64's finalizer: neighbouring seeds give unrelated {@link Random}s (plain ones would correlate). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String describe(Object sample) {
        return sample instanceof byte[] bytes ? "bytes " + HexFormat.of().formatHex(bytes) + " ("
                + printable(new String(bytes, StandardCharsets.UTF_8)) + ")" : printable(String.valueOf(sample));
    }

    /** The sample as one readable line: control, separator and surrogate characters as {@code \\uXXXX}. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : (text.length() > 2000 ? text.substring(0, 2000) + "…(" + text.length() + " chars)" : text)
                .toCharArray()) {
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c >= 0x80 && c < 0xA0 || c == '\u2028'
                    || c == '\u2029' || c == '\uFEFF') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * How often each outcome came up in a run, to check that the generators reach every outcome they must (a
     * generator that only ever makes refused input proves nothing about accepted input).
     */
    public static final class Tally {

        /** Fewer samples (a replay of one) say nothing about shares. */
        private static final int MIN_SAMPLES = 100;

        private final Map<String, Integer> counts = new HashMap<>();
        private final String test;
        private final long runSeed;
        private int total;

        private Tally(String test, long runSeed) {
            this.test = test;
            this.runSeed = runSeed;
        }

        public void count(String outcome) {
            counts.merge(outcome, 1, Integer::sum);
            total++;
        }

        /** At least {@code percent} % of the samples had {@code outcome}. */
        public void assertShareAbove(String outcome, double percent) {
            int count = counts.getOrDefault(outcome, 0);
            if (total >= MIN_SAMPLES && count * 100.0 / total <= percent) {
                throw new AssertionError(String.format("%s: only %d of %d samples %s (want more than %.0f %%): %s;"
                        + " run seed %d", test, count, total, outcome, percent, counts, runSeed));
            }
        }

        /** At least one sample had {@code outcome}. */
        public void assertSeen(String outcome) {
            if (total >= MIN_SAMPLES && !counts.containsKey(outcome)) {
                throw new AssertionError(test + ": no sample " + outcome + " in " + total + ": " + counts
                        + "; run seed " + runSeed);
            }
        }
    }
}
