package dev.herald.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;

/**
 * Who may subscribe and publish: the token settings, the public topics, stream tickets and the dev tokens, read and
 * checked once, at start-up (docs/security.md). The keys themselves ({@code herald.auth.*}) are checked further where
 * they are parsed (PEM keys, algorithms).
 */
@ApplicationScoped
public class SecuritySettings {

    static final Setting ISSUER = Setting.of("herald.auth.issuer");
    static final Setting AUDIENCE = Setting.of("herald.auth.audience");
    static final Setting PUBLIC_KEYS = Setting.of("herald.auth.public-keys");
    static final Setting JWKS_URL = Setting.of("herald.auth.jwks-url");
    static final Setting ALGORITHMS = Setting.of("herald.auth.algorithms", "RS256,ES256");
    static final Setting CLAIM = Setting.of("herald.auth.claim", "herald");
    static final Setting CLOCK_SKEW_S = Setting.of("herald.auth.clock-skew-s", "30");
    static final Setting COOKIE_NAME = Setting.of("herald.auth.cookie-name", "herald-token");
    static final Setting PUBLIC_TOPICS = Setting.of("herald.auth.public-topics");
    static final Setting ANONYMOUS_PUBLISH = Setting.of("herald.auth.anonymous-publish");
    static final Setting TICKETS_TTL_MS = Setting.of("herald.auth.tickets.ttl-ms", "30000");
    static final Setting TICKETS_MAX = Setting.of("herald.auth.tickets.max", "10000");
    static final Setting TICKETS_MAX_PER_PRINCIPAL = Setting.of("herald.auth.tickets.max-per-principal", "100");
    static final Setting DEV_TOKENS = Setting.of("herald.auth.dev-tokens.enabled", "false");

    private Optional<String> issuer;
    private Optional<String> audience;
    private Optional<String> publicKeys;
    private Optional<String> jwksUrl;
    private String algorithms;
    private String claim;
    private int clockSkewSeconds;
    private String cookieName;
    private Optional<String> publicTopics;
    private Optional<String> anonymousPublish;
    private long ticketTtlMs;
    private int maxTickets;
    private int maxTicketsPerPrincipal;
    private boolean devTokens;

    protected SecuritySettings() {
        // for the CDI proxy
    }

    @Inject
    public SecuritySettings(Config config) {
        Settings settings = Settings.of(config);
        issuer = settings.optional(ISSUER);
        audience = settings.optional(AUDIENCE);
        publicKeys = settings.optional(PUBLIC_KEYS).filter(text -> !text.isBlank());
        jwksUrl = settings.optional(JWKS_URL).filter(url -> !url.isBlank());
        algorithms = settings.text(ALGORITHMS);
        claim = settings.text(CLAIM);
        clockSkewSeconds = (int) settings.atLeast(CLOCK_SKEW_S, 0);
        cookieName = settings.text(COOKIE_NAME);
        publicTopics = settings.optional(PUBLIC_TOPICS);
        anonymousPublish = settings.optional(ANONYMOUS_PUBLISH);
        ticketTtlMs = settings.positive(TICKETS_TTL_MS);
        if (ticketTtlMs > Tickets.MAX_TTL_MS) {
            throw new IllegalArgumentException(TICKETS_TTL_MS + " must be at most " + Tickets.MAX_TTL_MS + ", was "
                    + ticketTtlMs);
        }
        maxTickets = settings.positiveInteger(TICKETS_MAX);
        maxTicketsPerPrincipal = settings.positiveInteger(TICKETS_MAX_PER_PRINCIPAL);
        devTokens = settings.flag(DEV_TOKENS);
        if (devTokens && (issuer.isEmpty() || audience.isEmpty())) {
            throw new IllegalArgumentException(DEV_TOKENS + " needs " + ISSUER + " and " + AUDIENCE
                    + ": the tokens it mints name both");
        }
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the settings: a bad one stops the deployment
    }

    /** The {@code iss} every token must have. */
    public Optional<String> issuer() {
        return issuer;
    }

    /** The {@code aud} every token must have. */
    public Optional<String> audience() {
        return audience;
    }

    Optional<String> publicKeys() {
        return publicKeys;
    }

    Optional<String> jwksUrl() {
        return jwksUrl;
    }

    String algorithms() {
        return algorithms;
    }

    /** The token claim holding the grants. */
    public String claim() {
        return claim;
    }

    int clockSkewSeconds() {
        return clockSkewSeconds;
    }

    String cookieName() {
        return cookieName;
    }

    Optional<String> publicTopics() {
        return publicTopics;
    }

    Optional<String> anonymousPublish() {
        return anonymousPublish;
    }

    long ticketTtlMs() {
        return ticketTtlMs;
    }

    int maxTickets() {
        return maxTickets;
    }

    int maxTicketsPerPrincipal() {
        return maxTicketsPerPrincipal;
    }

    /** DEV-ONLY: whether {@code POST /api/dev/tokens} mints tokens (the dev profile). */
    public boolean devTokens() {
        return devTokens;
    }
}
