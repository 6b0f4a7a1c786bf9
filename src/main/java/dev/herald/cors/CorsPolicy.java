package dev.herald.cors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Settings;

/**
 * What Herald answers a page of another origin (CORS): nothing at all unless the origin is on
 * {@code herald.cors.allowed-origins}; for a listed origin, that origin exactly (never {@code *}) with credentials,
 * so that a page can send cookies. Only Herald's paths answer CORS ({@link CorsPreflight}, {@link CorsHeaders}):
 * an application Herald is embedded in keeps its own answers on its own paths.
 */
@ApplicationScoped
public class CorsPolicy {

    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    static final String MAX_AGE = "Access-Control-Max-Age";

    /** Subscribe (GET, HEAD) and publish (POST). */
    static final String METHODS = "GET, HEAD, POST";
    /**
     * A publish's JSON {@code Content-Type} (not a "simple" type, hence the preflight); {@code Last-Event-ID}, which
     * a plain {@code EventSource} sends when it reconnects; {@code Authorization}, for a bearer token;
     * {@code Idempotency-Key}, which makes a publish safe to send again.
     */
    static final String REQUEST_HEADERS = "Content-Type, Last-Event-ID, Authorization, Idempotency-Key";
    /**
     * {@code Retry-After}, sent with {@code 429} and {@code 503} problems, and {@code WWW-Authenticate}, with a
     * {@code 401}: a page could not read them otherwise.
     */
    static final String RESPONSE_HEADERS = "Retry-After, WWW-Authenticate";
    /** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours). */
    static final String MAX_AGE_SECONDS = "600";

    private AllowedOrigins origins;

    protected CorsPolicy() {
        // for the CDI proxy
    }

    /**
     * Read through {@link Config} rather than {@code @ConfigProperty Optional<List<String>>}, which Payara Micro
     * 6.2025.10 cannot inject (a {@code ClassCastException} in its {@code ConfigProducer.getOptionalProperty} stops
     * the deployment).
     */
    @Inject
    public CorsPolicy(Config config) {
        this(Settings.of(config).list(AllowedOrigins.SETTING));
    }

    CorsPolicy(Optional<List<String>> origins) {
        this(origins.map(AllowedOrigins::of).orElseGet(AllowedOrigins::none));
    }

    CorsPolicy(AllowedOrigins origins) {
        this.origins = origins;
    }

    /** Built when the application starts, so that a malformed origin stops the deployment. */
    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the setting
    }

    /** The {@code Access-Control-Allow-*} headers for a preflight from {@code origin}; none when it is not listed. */
    public Map<String, String> preflight(String origin) {
        if (!origins.allows(origin)) {
            return Map.of();
        }
        Map<String, String> headers = credentialed(origin);
        headers.put(ALLOW_METHODS, METHODS);
        headers.put(ALLOW_HEADERS, REQUEST_HEADERS);
        headers.put(MAX_AGE, MAX_AGE_SECONDS);
        return headers;
    }

    /** The CORS headers for a request (a stream, a publish, a status) from {@code origin}; none when not listed. */
    public Map<String, String> request(String origin) {
        if (!origins.allows(origin)) {
            return Map.of();
        }
        Map<String, String> headers = credentialed(origin);
        headers.put(EXPOSE_HEADERS, RESPONSE_HEADERS);
        return headers;
    }

    private static Map<String, String> credentialed(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ALLOW_ORIGIN, origin);
        headers.put(ALLOW_CREDENTIALS, "true");
        return headers;
    }
}
