package dev.herald.support;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Publishes and reads topic status over HTTP, as any client of Herald would. */
public final class HeraldClient implements AutoCloseable {

    private final Client client = ClientBuilder.newClient();
    private final URI api;

    public HeraldClient(URL deployment) {
        this.api = URI.create(deployment.toString()).resolve("api/");
    }

    public URI api() {
        return api;
    }

    public URI topic(String topic) {
        return api.resolve("topics/" + topic);
    }

    /** Publishes and returns the assigned id; fails the test if Herald does not answer 202. */
    public String publish(String topic, String event, JsonValue data) {
        try (Response response = post(topic, Json.createObjectBuilder().add("event", event).add("data", data)
                .build().toString(), MediaType.APPLICATION_JSON)) {
            String body = response.readEntity(String.class);
            if (response.getStatus() != 202) {
                throw new AssertionError("publish answered " + response.getStatus() + ": " + body);
            }
            return json(body).getString("id");
        }
    }

    /** A raw POST of any body; the caller closes the response. */
    public Response post(String topic, String body, String contentType) {
        return client.target(topic(topic)).path("events").request(MediaType.APPLICATION_JSON)
                .post(Entity.entity(body, contentType));
    }

    public JsonObject status(String topic) {
        try (Response response = client.target(topic(topic)).request(MediaType.APPLICATION_JSON).get()) {
            return json(response.readEntity(String.class));
        }
    }

    public int subscribers(String topic) {
        return status(topic).getInt("subscribers");
    }

    /**
     * The status of a topic that is not public, read with a token that grants it; -1 while the server answers
     * something else (a server still deploying was seen to), so that a wait on it goes on rather than failing.
     */
    public int subscribers(String topic, String token) {
        try (Response response = client.target(topic(topic)).request(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + token).get()) {
            if (response.getStatus() != 200) {
                return -1;
            }
            JsonObject status = json(response.readEntity(String.class));
            return status.containsKey("subscribers") ? status.getInt("subscribers") : -1;
        }
    }

    public static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
