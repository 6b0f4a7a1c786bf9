package dev.herald.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.HostileText;
import dev.herald.support.JsonDocs;
import dev.herald.support.JsonDocs.Doc;
import dev.herald.topic.EventName;

/**
 * Whatever bytes a publish carries, reading them as the endpoint does (the body, then the event name) either gives
 * the event and data that were meant, which written back and read again are the same, or refuses them as
 * {@code malformed-json} or {@code invalid-event}: never another exception.
 */
class PublishRequestProperties {

    private static final Set<ProblemType> REFUSALS = Set.of(ProblemType.MALFORMED_JSON, ProblemType.INVALID_EVENT);

    /** A body as a client may write it, with the outcome it must get (null: accepted). */
    record Body(byte[] bytes, ProblemType expected, String event, Doc data) {
        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.UTF_8) + " -> " + expected;
        }
    }

    @Provide
    Arbitrary<Body> bodies() {
        return Arbitraries.randomValue(PublishRequestProperties::body);
    }

    private static Body body(Random random) {
        Doc data = JsonDocs.documents().generator(100).next(random).value();
        String event = random.nextInt(3) > 0 ? "e" + Integer.toString(random.nextInt(1000), 36)
                : List.of("error", "subscribed", "", "9x", "a b", "a\nb", JsonDocs.text(random)).get(random.nextInt(7));
        List<String> members = new ArrayList<>();
        boolean eventIsString = random.nextInt(8) > 0;
        boolean hasEvent = random.nextInt(10) > 0;
        boolean hasData = random.nextInt(10) > 0;
        boolean extra = random.nextInt(10) == 0;
        boolean repeated = random.nextInt(12) == 0 && (hasEvent || hasData);
        if (hasEvent) {
            members.add("\"event\":" + (eventIsString ? JsonDocs.quote(event, random.nextBoolean()) : "42"));
        }
        if (hasData) {
            members.add("\"data\":" + data.text());
        }
        if (extra) {
            members.add(List.of("\"evnet\":1", "\"Event\":\"x\"", "\"data \":1", "\"id\":\"x\"").get(random.nextInt(4)));
        }
        if (repeated) {
            members.add(hasEvent && (!hasData || random.nextBoolean()) ? "\"event\":\"other\"" : "\"data\":1");
        }
        Collections.shuffle(members, random);
        byte[] bytes = ("{" + String.join(",", members) + "}").getBytes(StandardCharsets.UTF_8);
        boolean badUtf8 = random.nextInt(12) == 0;
        if (badUtf8) {
            byte[][] invalid = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x8A}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xE2, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
            byte[] bad = invalid[random.nextInt(invalid.length)];
            int at = random.nextInt(bytes.length + 1);
            byte[] spoiled = new byte[bytes.length + bad.length];
            System.arraycopy(bytes, 0, spoiled, 0, at);
            System.arraycopy(bad, 0, spoiled, at, bad.length);
            System.arraycopy(bytes, at, spoiled, at + bad.length, bytes.length - at);
            bytes = spoiled;
        }
        boolean wellFormedEvent = !eventIsString || !JsonDocs.hasUnpairedSurrogate(event);
        ProblemType expected;
        if (badUtf8 || repeated || hasData && !data.acceptable() || hasEvent && !wellFormedEvent
                || hasData && data.depth() + 1 > JsonDocs.MAX_DEPTH) {
            expected = ProblemType.MALFORMED_JSON;
        } else if (!hasEvent || !hasData || extra || !eventIsString || !EventName.acceptable(event)) {
            expected = ProblemType.INVALID_EVENT;
        } else {
            expected = null;
        }
        return new Body(bytes, expected, event, data);
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void aBodyIsTheEventItMeansOrATypedRefusal(@ForAll("bodies") Body body) {
        Statistics.label("outcome").collect(body.expected() == null ? "accepted" : body.expected().slug());
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").percentage(p -> p > 20);
            coverage.check("malformed-json").percentage(p -> p > 10);
            coverage.check("invalid-event").percentage(p -> p > 10);
        });
        PublishRequest request;
        try {
            request = read(body.bytes());
        } catch (HeraldException refused) {
            assertEquals(body.expected(), refused.type(), refused.detail());
            return;
        }
        assertEquals(null, body.expected(), "accepted");
        assertEquals(body.event(), request.event());
        assertTrue(JsonDocs.same(body.data().model(), request.data()), () -> "read " + request.data());
        assertWrittenBackAsTheSameRequest(request);
    }

    /** Any bytes at all: an event, or a typed refusal. */
    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void anyBytesAreAnEventOrATypedRefusal(@ForAll("anyBytes") byte[] bytes) {
        PublishRequest request;
        try {
            request = read(bytes);
        } catch (HeraldException refused) {
            assertTrue(REFUSALS.contains(refused.type()), refused.type().slug());
            return;
        }
        assertWrittenBackAsTheSameRequest(request);
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        Arbitrary<byte[]> spoiled = Arbitraries.randomValue(random -> {
            byte[] bytes = body(random).bytes().clone();
            for (int n = 1 + random.nextInt(3), i = 0; i < n && bytes.length > 0; i++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            return bytes;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, HostileText.bytes()),
                net.jqwik.api.Tuple.of(2, spoiled));
    }

    /** As {@code PublishResource} reads a body: the request, then its event name. */
    private static PublishRequest read(byte[] bytes) {
        PublishRequest request = PublishRequest.parse(bytes);
        EventName.require(request.event());
        return request;
    }

    /**
     * The data as subscribers get it (the UTF-8 of JSON-P's text) reads, with a plain JSON reader, as the same
     * value. (Not with the strict one: a 100-character number can be written back longer, e.g. as 0.000001…)
     */
    private static void assertWrittenBackAsTheSameRequest(PublishRequest request) {
        byte[] sent = request.data().toString().getBytes(StandardCharsets.UTF_8);
        JsonValue received = Json.createReader(new StringReader(new String(sent, StandardCharsets.UTF_8))).readValue();
        assertTrue(JsonDocs.same(request.data(), received), () -> request.data() + " read back as " + received);
    }
}
