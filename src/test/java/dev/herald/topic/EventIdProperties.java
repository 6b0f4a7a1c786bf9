package dev.herald.topic;

import static dev.herald.support.Gen.weighted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.Gen;
import dev.herald.support.HostileText;
import dev.herald.support.Samples;
import dev.herald.wire.SseWireProperties;

/**
 * Any {@code Last-Event-ID} (or {@code lastEventId}) a client sends is either an id Herald could have written,
 * which reads back as exactly the same text and is safe in {@code id:}, or refused as
 * {@code invalid-last-event-id}: never another exception (no number overflow, no non-ASCII digit).
 */
class EventIdProperties {

    private static final BigInteger MAX_DIGITS = BigInteger.TEN.pow(25);

    /** Numbers from 0 to 10^25 (83 bits), the ends of long and of an 18-digit sequence more often than chance. */
    private static final Gen<String> NUMBERS = Gen.frequency(
            weighted(1, Gen.of("0", "999999999999999999", "1000000000000000000", "9223372036854775807",
                    "9223372036854775808", "18446744073709551616", MAX_DIGITS.toString())),
            weighted(4, random -> new BigInteger(1 + random.nextInt(83), random).toString()),
            weighted(2, Gen.longs(0, Long.MAX_VALUE).map(Object::toString)));

    static Gen<String> candidates() {
        Gen<String> valid = SseWireProperties.ids().map(EventId::toString);
        Gen<String> epochs = Gen.strings("abcdefghijklmnopqrstuvwxyz", 8, 8);
        Gen<String> signs = Gen.of("-", "+", "--", "-0", "-00", "- ", "-\uFF11", "-\u0661", "-1e3", "-0x1");
        Gen<String> numbers = random -> epochs.next(random) + signs.next(random) + NUMBERS.next(random);
        return Gen.frequency(weighted(2, valid), weighted(4, HostileText.nearMisses(valid)), weighted(2, numbers),
                weighted(2, HostileText.text()));
    }

    @Test
    void anyStringIsAnIdThatRoundTripsOrInvalidLastEventId() {
        Samples.Tally outcomes = Samples.check(3000, candidates(), (text, tally) -> {
            EventId id;
            try {
                id = EventId.parse(text);
            } catch (HeraldException refused) {
                tally.count("refused");
                assertEquals(ProblemType.INVALID_LAST_EVENT_ID, refused.type());
                return;
            }
            tally.count("accepted");
            assertEquals(text, id.toString(), "the same text back");
            assertEquals(id, EventId.parse(id.toString()));
            SseWireProperties.assertSafeOnTheWire("id", id.toString());
        });
        outcomes.assertShareAbove("accepted", 10);
        outcomes.assertShareAbove("refused", 40);
    }

    @Test
    void everyIdHeraldWritesParsesBack() {
        Samples.check(1000, SseWireProperties.ids(), id -> assertEquals(id, EventId.parse(id.toString())));
    }
}
