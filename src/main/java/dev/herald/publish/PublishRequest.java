package dev.herald.publish;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * The body of {@code POST /api/topics/{topic}/events}: {@code {"event": "<name>", "data": <any JSON>}}.
 * Parsed strictly ({@link StrictJson}) and checked field by field, so that a typo such as {@code "evnet"} is an
 * error rather than an event published without a name. The bytes come from {@link BodyReader}, which bounds
 * their size and the time they take.
 */
record PublishRequest(String event, JsonValue data) {

    private static final Set<String> FIELDS = Set.of("event", "data");

    static PublishRequest parse(byte[] body) {
        JsonValue value = StrictJson.parse(decode(body));
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
