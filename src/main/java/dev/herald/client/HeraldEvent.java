package dev.herald.client;

import jakarta.json.JsonValue;

/** An event of the topic: its id, its name and its JSON data. */
public record HeraldEvent(String id, String name, JsonValue data) {
}
