package dev.herald.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.herald.support.TestTokens;

class QueryTokensTest {

    @Test
    void aJwtAnywhereInTheQueryIsFound() {
        String jwt = TestTokens.token().sign();
        assertTrue(QueryTokens.holdsJwt(Map.of("access_token", List.of(jwt))));
        assertTrue(QueryTokens.holdsJwt(Map.of("ticket", List.of(jwt))));
        assertTrue(QueryTokens.holdsJwt(Map.of("x", List.of("1", "Bearer " + jwt))));
        assertTrue(QueryTokens.holdsJwt(Map.of(jwt, List.of(""))));
        assertTrue(QueryTokens.isJwt(TestTokens.unsigned(TestTokens.token())));
    }

    @Test
    void ticketsAndIdsAreNotJwts() {
        assertFalse(QueryTokens.holdsJwt(Map.of("ticket", List.of("q3Jd0r6fN2n1n3_2-8xK0pB3r4c1d9Zk7yTgH5sWvA"),
                "lastEventId", List.of("qbuisis5-31"))));
        assertFalse(QueryTokens.isJwt(null));
        assertFalse(QueryTokens.isJwt("eyJ.only-two"));
    }
}
