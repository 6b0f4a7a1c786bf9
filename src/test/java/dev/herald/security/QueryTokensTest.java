package dev.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.herald.support.TestTokens;

class QueryTokensTest {

    private static final String JWT = TestTokens.token().sign();

    /** The token with its header written {@code { "alg": ...}}: its base64 starts {@code eyAi}, not {@code eyJ}. */
    static String withSpacedHeader(String jwt) {
        String[] parts = jwt.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String spaced = "\n { " + header.substring(1);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(spaced.getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + "." + parts[2];
    }

    @Test
    void aJwtAnywhereInTheQueryIsFound() {
        assertTrue(QueryTokens.holdsJwt(Map.of("access_token", List.of(JWT))));
        assertTrue(QueryTokens.holdsJwt(Map.of("ticket", List.of(JWT))));
        assertTrue(QueryTokens.holdsJwt(Map.of("x", List.of("1", "Bearer " + JWT))));
        assertTrue(QueryTokens.holdsJwt(Map.of(JWT, List.of(""))));
        assertTrue(QueryTokens.isJwt(TestTokens.unsigned(TestTokens.token())));
    }

    @Test
    void aDisguisedJwtIsFoundToo() {
        String spaced = withSpacedHeader(JWT);
        assertFalse(spaced.startsWith("eyJ"), spaced);
        for (String disguised : List.of("x" + JWT, JWT + "!", "#" + JWT, "Bearer%20" + JWT, "a.b." + JWT,
                "prefix.with.dots" + JWT, spaced, "x" + spaced + "!", JWT.replace('-', '+').replace('_', '/'),
                "abc" + JWT.substring(0, JWT.lastIndexOf('.') + 1))) {
            assertTrue(QueryTokens.isJwt(disguised), disguised);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"t=x%s", "t=%s!", "t=%%23%s", "a=1&t=%s&b=2", "%s=1"})
    void aJwtInARawQueryIsFoundAsIsAndEncoded(String template) {
        assertTrue(QueryTokens.holdsJwtRaw(template.formatted(JWT)));
        String encoded = URLEncoder.encode(JWT, StandardCharsets.UTF_8).replace(".", "%2E").replace("e", "%65");
        assertTrue(QueryTokens.holdsJwtRaw(template.formatted(encoded)), encoded);
        String twice = encoded.replace("%", "%25");
        assertTrue(QueryTokens.holdsJwtRaw(template.formatted(twice)), twice);
    }

    @Test
    void ticketsIdsAndTopicsAreNotJwts() {
        assertFalse(QueryTokens.holdsJwt(Map.of("ticket", List.of("q3Jd0r6fN2n1n3_2-8xK0pB3r4c1d9Zk7yTgH5sWvA"),
                "lastEventId", List.of("qbuisis5-31"))));
        assertFalse(QueryTokens.holdsJwtRaw("ticket=q3Jd0r6fN2n1n3_2-8xK0pB3r4c1d9Zk7yTgH5sWvA&lastEventId=qbuisis5-31"));
        assertFalse(QueryTokens.holdsJwtRaw(null));
        assertFalse(QueryTokens.isJwt(null));
        assertFalse(QueryTokens.isJwt("eyJ.only-two"));
        assertFalse(QueryTokens.isJwt(JWT.substring(0, JWT.indexOf('.')) + ".only-two"));
        for (String ordinary : List.of("prices.eur.spot", "www.example.com", "1.2.3", "a.b.c.d.e", "v1.0.0-rc.1",
                "orders.42.paid")) {
            assertFalse(QueryTokens.isJwt(ordinary), ordinary);
        }
    }

    @Test
    void cookiesOfOneNameAreCountedAcrossHeaders() {
        assertEquals(0, TokenCookies.count(null, "herald-token"));
        assertEquals(1, TokenCookies.count(List.of("other=1; herald-token=abc"), "herald-token"));
        assertEquals(2, TokenCookies.count(List.of("herald-token=a; other=1; herald-token=b"), "herald-token"));
        assertEquals(2, TokenCookies.count(List.of("herald-token=a", "herald-token=b"), "herald-token"));
        assertEquals(1, TokenCookies.count(List.of("x-herald-token=a; herald-token=b"), "herald-token"));
    }
}
