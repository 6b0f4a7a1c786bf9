package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.HostileText;

/**
 * Any {@code Last-Event-ID} (or {@code lastEventId}) a client sends is either an id Herald could have written,
 * which reads back as exactly the same text and is safe in {@code id:}, or refused as
 * {@code invalid-last-event-id}: never another exception (no number overflow, no non-ASCII digit).
 */
class EventIdProperties {

    /** The largest sequence {@link EventId#parse} reads: 18 digits (a topic would need 10^18 events to pass it). */
    private static final long MAX_SEQUENCE = 999_999_999_999_999_999L;

    static Arbitrary<EventId> ids() {
        return Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').numeric().ofLength(8),
                Arbitraries.longs().between(0, MAX_SEQUENCE)).as(EventId::new);
    }

    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<String> valid = ids().map(EventId::toString);
        Arbitrary<String> numbers = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofLength(8),
                Arbitraries.of("-", "+", "--", "-0", "-00", "- ", "-\uFF11", "-\u0661", "-1e3", "-0x1"),
                Arbitraries.bigIntegers().between(java.math.BigInteger.ZERO, java.math.BigInteger.TEN.pow(25))
                        .map(Object::toString)).as((epoch, sign, digits) -> epoch + sign + digits);
        return Arbitraries.frequencyOf(Tuple.of(2, valid), Tuple.of(4, HostileText.nearMisses(valid)),
                Tuple.of(2, numbers), Tuple.of(2, HostileText.text()));
    }

    @Property(tries = 3000)
    void anyStringIsAnIdThatRoundTripsOrInvalidLastEventId(@ForAll("candidates") String text) {
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").percentage(p -> p > 10);
            coverage.check("refused").percentage(p -> p > 40);
        });
        EventId id;
        try {
            id = EventId.parse(text);
        } catch (HeraldException refused) {
            Statistics.label("outcome").collect("refused");
            assertEquals(ProblemType.INVALID_LAST_EVENT_ID, refused.type());
            return;
        }
        Statistics.label("outcome").collect("accepted");
        assertEquals(text, id.toString(), "the same text back");
        assertEquals(id, EventId.parse(id.toString()));
        SseWireProperties.assertSafeOnTheWire("id", id.toString());
    }

    @Property(tries = 1000)
    void everyIdHeraldWritesParsesBack(@ForAll("issued") EventId id) {
        assertEquals(id, EventId.parse(id.toString()));
    }

    @Provide
    Arbitrary<EventId> issued() {
        return ids();
    }
}
