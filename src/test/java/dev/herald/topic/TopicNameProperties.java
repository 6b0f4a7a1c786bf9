package dev.herald.topic;

import static dev.herald.support.Gen.weighted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.Gen;
import dev.herald.support.HostileText;
import dev.herald.support.Samples;
import dev.herald.wire.SseWireProperties;

/**
 * Any string a client puts into a topic path is either a topic name that round-trips and is safe in a URL path,
 * a log line, a metric tag and an event's JSON, or refused as {@code invalid-topic}: never another exception.
 */
class TopicNameProperties {

    static Gen<String> candidates() {
        Gen<String> valid = HostileText.names(Gen.ALPHA + Gen.DIGITS);
        return Gen.frequency(weighted(2, valid), weighted(4, HostileText.nearMisses(valid)),
                weighted(3, HostileText.text()));
    }

    @Test
    void anyStringIsASafeTopicNameOrInvalidTopic() {
        Samples.Tally outcomes = Samples.check(3000, candidates(), (text, tally) -> {
            TopicName name;
            try {
                name = TopicName.of(text);
            } catch (HeraldException refused) {
                tally.count("refused");
                assertEquals(ProblemType.INVALID_TOPIC, refused.type());
                return;
            }
            tally.count("accepted");
            assertEquals(text, name.value());
            assertEquals(name, TopicName.of(name.toString()), "round-trips");
            assertTrue(name.value().length() >= 1 && name.value().length() <= TopicName.MAX_LENGTH);
            assertTrue(Character.isLetterOrDigit(name.value().charAt(0)), "no '.', '..' or hidden name: " + text);
            assertEquals(name.value(), URLEncoder.encode(name.value(), StandardCharsets.UTF_8),
                    "a path segment as it is");
            SseWireProperties.assertSafeOnTheWire("event", name.value());
        });
        outcomes.assertShareAbove("accepted", 10);
        outcomes.assertShareAbove("refused", 40);
    }

    @Test
    void nullIsInvalidTopic() {
        assertEquals(ProblemType.INVALID_TOPIC, assertThrows(HeraldException.class, () -> TopicName.of(null)).type());
    }
}
