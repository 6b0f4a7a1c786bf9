package dev.herald.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The headers a listed origin gets, and that an unlisted one gets none. */
class CorsPolicyTest {

    private final CorsPolicy policy = new CorsPolicy(Optional.of(List.of("https://shop.example")));

    @Test
    void aListedOriginIsEchoedWithCredentialsNeverAStar() {
        assertEquals(Map.of("Access-Control-Allow-Origin", "https://shop.example",
                "Access-Control-Allow-Credentials", "true",
                "Access-Control-Expose-Headers", "Retry-After, WWW-Authenticate"), policy.request("https://shop.example"));
    }

    @Test
    void aListedOriginsPreflightMayPublishJson() {
        assertEquals(Map.of("Access-Control-Allow-Origin", "https://shop.example",
                "Access-Control-Allow-Credentials", "true",
                "Access-Control-Allow-Methods", "GET, HEAD, POST",
                "Access-Control-Allow-Headers", "Content-Type, Last-Event-ID, Authorization, Idempotency-Key",
                "Access-Control-Max-Age", "600"), policy.preflight("https://shop.example"));
    }

    @Test
    void anUnlistedOriginGetsNothing() {
        for (String origin : new String[] {"https://evil.example", "null", "https://shop.example:444", null}) {
            assertTrue(policy.request(origin).isEmpty(), origin);
            assertTrue(policy.preflight(origin).isEmpty(), origin);
        }
    }

    @Test
    void byDefaultNoOriginIsListed() {
        CorsPolicy none = new CorsPolicy(Optional.empty());
        assertTrue(none.request("http://localhost:8080").isEmpty());
        assertTrue(none.preflight("http://localhost:8080").isEmpty());
    }
}
