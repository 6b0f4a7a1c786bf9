package dev.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.herald.support.Gen;
import dev.herald.support.Samples;

/**
 * Claims, tried hard: whatever a token's {@code herald} claim holds, it grants exactly what its {@code subscribe}
 * and {@code publish} lists of names and prefixes say, never more, and never throws. (The token's signature and
 * standard claims are checked before; here the token is genuine and its issuer careless or hostile.)
 */
class GrantsProperties {

    /** Topic-like names, short enough to collide with each other and with the patterns. */
    static Gen<String> topics() {
        return Gen.strings("ab.-*", 0, 5);
    }

    /** A claim's value as a JSON parser gives it: maps, lists, strings, numbers, booleans, null, nested. */
    static Gen<Object> claims() {
        Gen<Object> leaf = Gen.frequency(Gen.weighted(1, topics()), Gen.weighted(1, Gen.anyInt()),
                Gen.weighted(1, Gen.just(null)), Gen.weighted(1, Gen.of(Boolean.TRUE, Boolean.FALSE)));
        Gen<Object> list = leaf.list(0, 4).map(Object.class::cast);
        Gen<Object> value = Gen.frequency(Gen.weighted(1, leaf), Gen.weighted(1, list),
                Gen.weighted(1, list.list(0, 2)));
        Gen<String> keys = Gen.of("subscribe", "publish", "other", "Subscribe");
        Gen<Object> maps = random -> {
            Map<String, Object> map = new HashMap<>();
            for (int n = random.nextInt(5), i = 0; i < n; i++) {
                map.put(keys.next(random), value.next(random));
            }
            return map;
        };
        return maps.orNull(0.05);
    }

    /** A claim and a topic to ask it about. */
    record Asked(Object claim, String topic) {
    }

    /** A pattern and a topic. */
    record Pair(String pattern, String topic) {
    }

    static Gen<Pair> pairs() {
        return random -> new Pair(topics().next(random), topics().next(random));
    }

    @Test
    void aClaimGrantsExactlyWhatItsListsSay() {
        Samples.check(3000, random -> new Asked(claims().next(random), topics().next(random)), asked -> {
            Grants grants = Grants.fromClaim(asked.claim());
            assertEquals(expected(asked.claim(), "subscribe", asked.topic()),
                    grants.allows(Access.SUBSCRIBE, asked.topic()), "claim " + asked.claim());
            assertEquals(expected(asked.claim(), "publish", asked.topic()),
                    grants.allows(Access.PUBLISH, asked.topic()), "claim " + asked.claim());
        });
    }

    @Test
    void aGrantToSubscribeNeverPublishesNorTheOtherWayRound() {
        Samples.check(2000, pairs(), pair -> {
            Grants reader = Grants.fromClaim(Map.of("subscribe", List.of(pair.pattern())));
            Grants writer = Grants.fromClaim(Map.of("publish", List.of(pair.pattern())));
            assertFalse(reader.allows(Access.PUBLISH, pair.topic()));
            assertFalse(writer.allows(Access.SUBSCRIBE, pair.topic()));
        });
    }

    @Test
    void aNameWithoutATrailingStarCoversOnlyItselfAndAPrefixOnlyWhatStartsWithIt() {
        Samples.check(2000, pairs(), pair -> {
            String topic = pair.topic();
            boolean covered = TopicPatterns.of(List.of(pair.pattern())).covers(topic);
            String stripped = pair.pattern().strip();
            if (stripped.isEmpty()) {
                assertFalse(covered, "a blank pattern covers nothing");
            } else if (stripped.endsWith("*")) {
                assertEquals(topic.startsWith(stripped.substring(0, stripped.length() - 1)), covered);
            } else {
                assertEquals(topic.equals(stripped), covered, "no wildcard but a trailing one");
            }
        });
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
