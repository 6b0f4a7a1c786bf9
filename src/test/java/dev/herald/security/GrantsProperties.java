package dev.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Claims, tried hard: whatever a token's {@code herald} claim holds, it grants exactly what its {@code subscribe}
 * and {@code publish} lists of names and prefixes say, never more, and never throws. (The token's signature and
 * standard claims are checked before; here the token is genuine and its issuer careless or hostile.)
 */
class GrantsProperties {

    /** Topic-like names, short enough to collide with each other and with the patterns. */
    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.strings().withChars("ab.-*").ofMinLength(0).ofMaxLength(5);
    }

    /** A claim's value as a JSON parser gives it: maps, lists, strings, numbers, booleans, null, nested. */
    @Provide
    Arbitrary<Object> claims() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(topics().map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast), Arbitraries.just(null),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(Object.class::cast));
        Arbitrary<Object> list = leaf.list().ofMaxSize(4).map(Object.class::cast);
        Arbitrary<Object> value = Arbitraries.oneOf(leaf, list, list.list().ofMaxSize(2).map(Object.class::cast));
        return Arbitraries.maps(Arbitraries.of("subscribe", "publish", "other", "Subscribe"), value).ofMaxSize(4)
                .map(map -> (Object) map)
                .injectNull(0.05);
    }

    @Property(tries = 3000)
    void aClaimGrantsExactlyWhatItsListsSay(@ForAll("claims") Object claim, @ForAll("topics") String topic) {
        Grants grants = Grants.fromClaim(claim);
        assertEquals(expected(claim, "subscribe", topic), grants.allows(Access.SUBSCRIBE, topic), "claim " + claim);
        assertEquals(expected(claim, "publish", topic), grants.allows(Access.PUBLISH, topic), "claim " + claim);
    }

    @Property(tries = 2000)
    void aGrantToSubscribeNeverPublishesNorTheOtherWayRound(@ForAll("topics") String pattern,
                                                            @ForAll("topics") String topic) {
        Grants reader = Grants.fromClaim(Map.of("subscribe", List.of(pattern)));
        Grants writer = Grants.fromClaim(Map.of("publish", List.of(pattern)));
        assertFalse(reader.allows(Access.PUBLISH, topic));
        assertFalse(writer.allows(Access.SUBSCRIBE, topic));
    }

    @Property(tries = 2000)
    void aNameWithoutATrailingStarCoversOnlyItselfAndAPrefixOnlyWhatStartsWithIt(@ForAll("topics") String pattern,
                                                                                @ForAll("topics") String topic) {
        boolean covered = TopicPatterns.of(List.of(pattern)).covers(topic);
        String stripped = pattern.strip();
        if (stripped.isEmpty()) {
            assertFalse(covered, "a blank pattern covers nothing");
        } else if (stripped.endsWith("*")) {
            assertEquals(topic.startsWith(stripped.substring(0, stripped.length() - 1)), covered);
        } else {
            assertEquals(topic.equals(stripped), covered, "no wildcard but a trailing one");
        }
    }

    /** The model: the strings in the claim's list under {@code key}, each an exact name or a trailing-* prefix. */
    private static boolean expected(Object claim, String key, String topic) {
        if (!(claim instanceof Map<?, ?> map) || !(map.get(key) instanceof List<?> list)) {
            return false;
        }
        for (Object item : list) {
            if (item instanceof String pattern) {
                String p = pattern.strip();
                if (!p.isEmpty() && (p.endsWith("*") ? topic.startsWith(p.substring(0, p.length() - 1))
                        : topic.equals(p))) {
                    return true;
                }
            }
        }
        return false;
    }
}
