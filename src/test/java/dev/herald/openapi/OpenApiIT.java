package dev.herald.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.herald.problem.ProblemType;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldIT;

/**
 * The MicroProfile OpenAPI document: {@code /openapi} at the server's root on both servers (its paths name the
 * context root or its servers do, so paths are matched by their end).
 */
class OpenApiIT extends HeraldIT {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private JsonObject document;

    @BeforeEach
    void fetch() throws Exception {
        URI openapi = URI.create(deployment.toString()).resolve("/openapi");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(openapi).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        document = HeraldClient.json(response.body());
    }

    private JsonObject path(String end) {
        JsonObject paths = document.getJsonObject("paths");
        return paths.keySet().stream().filter(key -> key.endsWith(end)).map(paths::getJsonObject).findFirst()
                .orElseThrow(() -> new AssertionError(end + " not in " + paths.keySet()));
    }

    /** The schema of a content entry, the component it refers to when it is a reference. */
    private JsonObject schema(JsonObject content, String mediaType) {
        JsonObject schema = content.getJsonObject(mediaType).getJsonObject("schema");
        if (!schema.containsKey("$ref")) {
            return schema;
        }
        String name = schema.getString("$ref").substring("#/components/schemas/".length());
        return document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
    }

    private static JsonObject content(JsonObject operation, String status) {
        return operation.getJsonObject("responses").getJsonObject(status).getJsonObject("content");
    }

    private static String problemRef(JsonObject operation) {
        return content(operation, "default").getJsonObject("application/problem+json").getJsonObject("schema")
                .getString("$ref");
    }

    @Test
    void thePublishEndpointTakesAnEventAndAnswersAReceiptOrAProblem() {
        JsonObject publish = path("/api/topics/{topic}/events").getJsonObject("post");
        JsonObject body = schema(publish.getJsonObject("requestBody").getJsonObject("content"), "application/json");
        assertEquals(Set.of("event", "data"), body.getJsonObject("properties").keySet());
        assertEquals(Set.of("topic", "id", "event"),
                schema(content(publish, "202"), "application/json").getJsonObject("properties").keySet());
        assertEquals(PROBLEM_REF, problemRef(publish));
    }

    @Test
    void theTopicEndpointStreamsEventsOrAnswersItsStatus() {
        JsonObject subscribe = path("/api/topics/{topic}").getJsonObject("get");
        JsonObject ok = content(subscribe, "200");
        assertEquals("string", schema(ok, "text/event-stream").getString("type"), ok.toString());
        assertTrue(schema(ok, "application/json").getJsonObject("properties").containsKey("counts"), ok.toString());
        assertTrue(subscribe.getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                .anyMatch(parameter -> "Last-Event-ID".equals(parameter.getString("name"))
                        && "header".equals(parameter.getString("in"))), subscribe.toString());
        assertEquals(PROBLEM_REF, problemRef(subscribe));
    }

    @Test
    void theProblemDocumentListsEveryProblemType() {
        JsonObject problem = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
        JsonObject properties = problem.getJsonObject("properties");
        assertEquals(Set.of("type", "title", "status", "detail", "retryable", "retryAfterMs"), properties.keySet());
        List<String> types = properties.getJsonObject("type").getJsonArray("enum").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList();
        assertEquals(Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList(), types);
        assertTrue(properties.getJsonObject("type").getString("description")
                .contains("`urn:herald:problem:slow-consumer`: Slow consumer (503, retryable)"));
    }
}
