package dev.herald.guard;

import org.eclipse.microprofile.config.Config;

/**
 * The Fault Tolerance values a guarded call needs to know itself, read through the standard keys
 * ({@code <class>/<method>/Timeout/value}, {@code .../CircuitBreaker/delay}) so that they follow any override: the
 * client's own timeouts back up {@code @Timeout}, and callers and subscribers are told the circuit's delay. Shared
 * by the guarded calls to upstreams ({@code UpstreamFetcher}, {@code RelayConnector}) and to Redis
 * ({@code RedisCalls}).
 */
public record GuardSettings(long timeoutMs, long circuitDelayMs) {

    public static GuardSettings of(Config config, Class<?> guarded, String method, long timeoutMs,
                                   long circuitDelayMs) {
        String key = guarded.getName() + "/" + method + "/";
        return new GuardSettings(
                config.getOptionalValue(key + "Timeout/value", Long.class).orElse(timeoutMs),
                config.getOptionalValue(key + "CircuitBreaker/delay", Long.class).orElse(circuitDelayMs));
    }
}
