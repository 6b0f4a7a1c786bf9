package dev.herald.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code herald.broker}'s values; a deployment with another one stops with this message. */
class BrokersTest {

    @Test
    void theKnownBrokersAreMemoryAndRedis() {
        assertEquals(Brokers.Kind.MEMORY, Brokers.Kind.of("memory"));
        assertEquals(Brokers.Kind.REDIS, Brokers.Kind.of(" redis "));
    }

    @Test
    void anyOtherValueIsRefusedNamingTheKeyAndTheAllowedValues() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Brokers.Kind.of("nats"));
        assertEquals("herald.broker is 'nats': it must be memory or redis", refused.getMessage());
    }
}
