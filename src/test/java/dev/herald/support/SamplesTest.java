package dev.herald.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The property tests' runner: a failure names its sample, and the seed it prints gives that sample again. */
class SamplesTest {

    @BeforeEach
    void withTheRunsOwnCounts() {
        assumeTrue(System.getProperty("herald.property.tries") == null, "-Dherald.property.tries changes the counts");
    }

    @Test
    void theSeedAFailurePrintsReplaysTheFailingSample() {
        Gen<String> texts = HostileText.text();
        List<String> tried = new ArrayList<>();
        AssertionError failure = assertThrows(AssertionError.class, () -> Samples.check(5000, texts, text -> {
            tried.add(text);
            assertTrue(text.indexOf('\n') < 0, "no line feed");
        }));

        String failing = tried.get(tried.size() - 1);
        assertTrue(failure.getMessage().contains(Samples.printable(failing)), failure.getMessage());
        assertTrue(failure.getMessage().contains("SamplesTest#theSeedAFailurePrintsReplaysTheFailingSample"),
                failure.getMessage());
        Matcher seed = Pattern.compile("-Dherald\\.property\\.seed=(-?\\d+)").matcher(failure.getMessage());
        assertTrue(seed.find(), failure.getMessage());
        assertEquals(failing, texts.next(new Random(Long.parseLong(seed.group(1)))), "replayed");
    }

    @Test
    void aTallyFailsWhenAnOutcomeIsRarerThanItMustBe() {
        Samples.Tally outcomes = Samples.check(200, Gen.ints(0, 99),
                (n, tally) -> tally.count(n < 3 ? "rare" : "common"));
        outcomes.assertShareAbove("common", 50);
        assertThrows(AssertionError.class, () -> outcomes.assertShareAbove("rare", 50));
        assertThrows(AssertionError.class, () -> outcomes.assertSeen("never"));
    }
}
