package dev.herald.demo;

import static dev.herald.json.SharedJson.JSON;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * DEV-ONLY: {@code POST /api/dev/tokens} with {@code {"subject": "...", "subscribe": [...], "publish": [...],
 * "ttlSeconds": 600}} (every field optional) answers {@code {"token": "<jwt>"}}, a token signed with
 * {@link DevTokens}' key. Only with {@code herald.auth.dev-tokens.enabled=true} (the dev profile); otherwise
 * {@code not-found}, like the rest of the demo.
 */
@Path("dev/tokens")
@RequestScoped
public class DevTokenResource {

    private static final long MAX_TTL_SECONDS = 86_400;

    @Inject
    DevTokens tokens;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public JsonObject mint(JsonObject request) {
        if (!tokens.enabled()) {
            throw new NotFoundException();
        }
        JsonObject body = request == null ? JsonValue.EMPTY_JSON_OBJECT : request;
        long ttl = Math.min(MAX_TTL_SECONDS, Math.max(1, body.getJsonNumber("ttlSeconds") == null ? 600
                : body.getJsonNumber("ttlSeconds").longValue()));
        String token = tokens.mint(body.getString("subject", "dev"), names(body.get("subscribe")),
                names(body.get("publish")), ttl);
        return JSON.createObjectBuilder()
                .add("token", token)
                .add("expiresInSeconds", ttl)
                .add("warning", "DEV-ONLY token, signed with a key made when this server started")
                .build();
    }

    private static List<String> names(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(JsonString.class::isInstance).map(item -> ((JsonString) item).getString())
                .toList();
    }
}
