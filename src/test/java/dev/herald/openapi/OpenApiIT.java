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

    private static String problemRef(JsonObject operation) {
        return operation.getJsonObject("responses").getJsonObject("default").getJsonObject("content")
                .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref");
    }

    @Test
    void thePublishEndpointTakesAnEventAndAnswersAReceiptOrAProblem() {
        JsonObject publish = path("/api/topics/{topic}/events").getJsonObject("post");
        JsonObject body = publish.getJsonObject("requestBody").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema");
        assertEquals(Set.of("event", "data"), body.getJsonObject("properties").keySet());
        assertTrue(publish.getJsonObject("responses").containsKey("202"), publish.toString());
        assertEquals(PROBLEM_REF, problemRef(publish));
    }

    @Test
    void theTopicEndpointStreamsEventsOrAnswersItsStatus() {
        JsonObject subscribe = path("/api/topics/{topic}").getJsonObject("get");
        JsonObject ok = subscribe.getJsonObject("responses").getJsonObject("200").getJsonObject("content");
        assertTrue(ok.containsKey("text/event-stream"), ok.toString());
        assertTrue(ok.containsKey("application/json"), ok.toString());
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
