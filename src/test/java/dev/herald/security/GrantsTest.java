package dev.herald.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GrantsTest {

    private static final Grants ORDERS = Grants.fromClaim(Map.of(
            "subscribe", List.of("orders.42", "prices.*"),
            "publish", List.of("orders.*")));

    @Test
    void exactNamesAndPrefixes() {
        assertTrue(ORDERS.allows(Access.SUBSCRIBE, "orders.42"));
        assertFalse(ORDERS.allows(Access.SUBSCRIBE, "orders.421"));
        assertFalse(ORDERS.allows(Access.SUBSCRIBE, "orders.4"));
        assertTrue(ORDERS.allows(Access.SUBSCRIBE, "prices.eur"));
        assertTrue(ORDERS.allows(Access.SUBSCRIBE, "prices."));
        assertFalse(ORDERS.allows(Access.SUBSCRIBE, "prices"));
        assertTrue(ORDERS.allows(Access.PUBLISH, "orders.7"));
        assertFalse(ORDERS.allows(Access.PUBLISH, "prices.eur"), "subscribing grants no publishing");
        assertFalse(ORDERS.allows(Access.SUBSCRIBE, "orders.7"), "publishing grants no subscribing");
    }

    @Test
    void aLoneStarCoversEveryTopic() {
        Grants all = Grants.fromClaim(Map.of("subscribe", List.of("*")));
        assertTrue(all.allows(Access.SUBSCRIBE, "anything"));
        assertFalse(all.allows(Access.PUBLISH, "anything"));
    }

    @Test
    void aClaimOfTheWrongShapeGrantsNothing() {
        for (Object claim : new Object[] {null, "orders.*", List.of("orders.*"), Map.of("subscribe", "orders.*"),
                Map.of("subscribe", List.of(42, Map.of())), Map.of("read", List.of("*"))}) {
            Grants grants = Grants.fromClaim(claim);
            assertFalse(grants.allows(Access.SUBSCRIBE, "orders.1"), String.valueOf(claim));
            assertFalse(grants.allows(Access.PUBLISH, "orders.1"), String.valueOf(claim));
        }
    }

    @Test
    void noOtherWildcard() {
        Grants grants = Grants.fromClaim(Map.of("subscribe", List.of("or*ers", "?", ".*", "orders.?")));
        assertFalse(grants.allows(Access.SUBSCRIBE, "orders"));
        assertFalse(grants.allows(Access.SUBSCRIBE, "x"));
        assertFalse(grants.allows(Access.SUBSCRIBE, "orders.1"));
    }

    @Test
    void aCallersGrantsAddToWhatAnyoneMayDo() {
        Grants anyone = new Grants(TopicPatterns.parse("demo, public.*"), TopicPatterns.parse(""));
        Grants both = ORDERS.and(anyone);
        assertTrue(both.allows(Access.SUBSCRIBE, "demo"));
        assertTrue(both.allows(Access.SUBSCRIBE, "public.news"));
        assertTrue(both.allows(Access.SUBSCRIBE, "orders.42"));
        assertFalse(both.allows(Access.PUBLISH, "demo"));
    }

    @Test
    void anAnonymousCallerIsNotAuthenticatedAndOneWithATokenIs() {
        assertFalse(Caller.anonymous(Grants.NONE).may(Access.AUTHENTICATED, null));
        assertTrue(new Caller("u", Grants.NONE, java.time.Instant.now()).may(Access.AUTHENTICATED, null));
        assertFalse(new Caller("u", Grants.NONE, java.time.Instant.now()).toString().contains("u]"));
    }
}
