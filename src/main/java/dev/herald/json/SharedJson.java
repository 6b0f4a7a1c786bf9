package dev.herald.json;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static methods look it up on every call, a
 * {@code ServiceLoader} scan of the class path: 2 % of Herald's CPU on Payara in the fan-out benchmark (JFR, issue
 * 21), on the paths that open streams and take publishes. Use {@code JSON.createObjectBuilder()} and the like.
 */
public final class SharedJson {

    /** Found with the thread context class loader of the first use: the application's, on both servers. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private SharedJson() {
    }
}
