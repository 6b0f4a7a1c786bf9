package dev.herald.publish;

import static dev.herald.support.Gen.weighted;
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

import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.Gen;
import dev.herald.support.HostileText;
import dev.herald.support.JsonDocs;
import dev.herald.support.JsonDocs.Doc;
import dev.herald.support.Samples;
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

    private static Body body(Random random) {
        Doc data = JsonDocs.document(random);
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

    @Test
    void aBodyIsTheEventItMeansOrATypedRefusal() {
        Samples.Tally outcomes = Samples.check(2000, PublishRequestProperties::body, (body, tally) -> {
            tally.count(body.expected() == null ? "accepted" : body.expected().slug());
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
        });
        outcomes.assertShareAbove("accepted", 20);
        outcomes.assertShareAbove("malformed-json", 10);
        outcomes.assertShareAbove("invalid-event", 10);
    }

    /** Any bytes at all: an event, or a typed refusal. */
    @Test
    void anyBytesAreAnEventOrATypedRefusal() {
        Samples.check(3000, anyBytes(), bytes -> {
            PublishRequest request;
            try {
                request = read(bytes);
            } catch (HeraldException refused) {
                assertTrue(REFUSALS.contains(refused.type()), refused.type().slug());
                return;
            }
            assertWrittenBackAsTheSameRequest(request);
        });
    }

    static Gen<byte[]> anyBytes() {
        Gen<byte[]> spoiled = random -> {
            byte[] bytes = body(random).bytes().clone();
            for (int n = 1 + random.nextInt(3), i = 0; i < n && bytes.length > 0; i++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            return bytes;
        };
        return Gen.frequency(weighted(1, HostileText.bytes()), weighted(2, spoiled));
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
