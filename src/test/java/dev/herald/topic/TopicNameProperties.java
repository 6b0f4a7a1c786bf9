package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.HostileText;

/**
 * Any string a client puts into a topic path is either a topic name that round-trips and is safe in a URL path,
 * a log line, a metric tag and an event's JSON, or refused as {@code invalid-topic}: never another exception.
 */
class TopicNameProperties {

    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<String> valid = HostileText.names(Arbitraries.chars().alpha().numeric());
        return Arbitraries.frequencyOf(Tuple.of(2, valid), Tuple.of(4, HostileText.nearMisses(valid)),
                Tuple.of(3, HostileText.text()));
    }

    @Property(tries = 3000)
    void anyStringIsASafeTopicNameOrInvalidTopic(@ForAll("candidates") String text) {
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").percentage(p -> p > 10);
            coverage.check("refused").percentage(p -> p > 40);
        });
        TopicName name;
        try {
            name = TopicName.of(text);
        } catch (HeraldException refused) {
            Statistics.label("outcome").collect("refused");
            assertEquals(ProblemType.INVALID_TOPIC, refused.type());
            return;
        }
        Statistics.label("outcome").collect("accepted");
        assertEquals(text, name.value());
        assertEquals(name, TopicName.of(name.toString()), "round-trips");
        assertTrue(name.value().length() >= 1 && name.value().length() <= TopicName.MAX_LENGTH);
        assertTrue(Character.isLetterOrDigit(name.value().charAt(0)), "no '.', '..' or hidden name: " + text);
        assertEquals(name.value(), URLEncoder.encode(name.value(), StandardCharsets.UTF_8), "a path segment as it is");
        SseWireProperties.assertSafeOnTheWire("event", name.value());
    }

    @Example
    void nullIsInvalidTopic() {
        assertEquals(ProblemType.INVALID_TOPIC, assertThrows(HeraldException.class, () -> TopicName.of(null)).type());
    }
}
