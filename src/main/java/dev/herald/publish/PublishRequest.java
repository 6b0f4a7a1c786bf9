package dev.herald.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * The body of {@code POST /api/topics/{topic}/events}: {@code {"event": "<name>", "data": <any JSON>}}.
 * Read with a size bound (a huge body is refused without being buffered) and strict checks, so that a typo
 * such as {@code "evnet"} is an error rather than an event published without a name.
 */
record PublishRequest(String event, JsonValue data) {

    private static final Set<String> FIELDS = Set.of("event", "data");

    static PublishRequest read(InputStream body, int maxBytes) {
        String text = decode(readBounded(body, maxBytes));
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new HeraldException(ProblemType.MALFORMED_JSON, "The request body is not valid JSON.");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new HeraldException(ProblemType.INVALID_EVENT,
                    "The request body must be a JSON object with \"event\" and \"data\".");
        }
        JsonObject object = value.asJsonObject();
        for (String field : object.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new HeraldException(ProblemType.INVALID_EVENT,
                        "Unknown field in the request body; only \"event\" and \"data\" are allowed.");
            }
        }
        if (!(object.get("event") instanceof JsonString name)) {
            throw new HeraldException(ProblemType.INVALID_EVENT, "\"event\" must be a string: the event name.");
        }
        if (!object.containsKey("data")) {
            throw new HeraldException(ProblemType.INVALID_EVENT, "\"data\" is missing: the event's JSON payload.");
        }
        return new PublishRequest(name.getString(), object.get("data"));
    }

    private static byte[] readBounded(InputStream body, int maxBytes) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int read;
            while ((read = body.read(chunk)) != -1) {
                if (buffer.size() + read > maxBytes) {
                    throw new HeraldException(ProblemType.PAYLOAD_TOO_LARGE,
                            "The request body exceeds " + maxBytes + " bytes.");
                }
                buffer.write(chunk, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new HeraldException(ProblemType.MALFORMED_JSON, "The request body is not valid UTF-8.");
        }
    }
}
