package dev.herald.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * Verifies a JWT (nimbus-jose-jwt) and says who sent it: the signature against the configured keys, with an
 * algorithm from {@code herald.auth.algorithms} only (never the token's choice: {@code none} and HMAC are refused);
 * {@code iss} and {@code aud} equal to the configured ones; {@code exp} required and not passed, {@code nbf} if
 * present passed, both within {@code herald.auth.clock-skew-s}.
 * <p>
 * A refusal says which check failed, never what the token holds; nothing about a token is logged but the kind of
 * failure.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());
    /** Asymmetric algorithms only: with HMAC, the "public" key would be the secret. */
    private static final Set<JWSAlgorithm> ACCEPTABLE = Set.copyOf(JWSAlgorithm.Family.SIGNATURE);

    private DefaultJWTProcessor<SecurityContext> processor;
    private String claim;
    private int clockSkewSeconds;
    private boolean hasKeys;

    protected TokenVerifier() {
        // for the CDI proxy
    }

    @Inject
    public TokenVerifier(SecuritySettings settings, Instance<TrustedKeys> trusted) {
        this(settings.issuer(), settings.audience(), keys(settings.publicKeys(), trusted), settings.jwksUrl(),
                settings.algorithms(), settings.claim(), settings.clockSkewSeconds());
    }

    private static List<PublicKey> keys(Optional<String> pem, Instance<TrustedKeys> trusted) {
        List<PublicKey> keys = new ArrayList<>();
        pem.ifPresent(text -> keys.addAll(PemKeys.parse(SecuritySettings.PUBLIC_KEYS.key(), text))); // not blank
        trusted.forEach(source -> keys.addAll(source.publicKeys()));
        return keys;
    }

    TokenVerifier(Optional<String> issuer, Optional<String> audience, List<PublicKey> keys, Optional<String> jwksUrl,
                  String algorithms, String claim, int clockSkewSeconds) {
        this.claim = claim;
        this.clockSkewSeconds = clockSkewSeconds;
        if (clockSkewSeconds < 0) {
            throw new IllegalArgumentException("herald.auth.clock-skew-s must not be negative, was " + clockSkewSeconds);
        }
        Set<JWSAlgorithm> allowed = algorithms(algorithms);
        JWSVerificationKeySelector<SecurityContext> remote = jwksUrl.filter(url -> !url.isBlank())
                .map(url -> new JWSVerificationKeySelector<>(allowed, JWKSourceBuilder.create(url(url)).build()))
                .orElse(null);
        this.hasKeys = !keys.isEmpty() || remote != null;
        if (hasKeys && (issuer.isEmpty() || audience.isEmpty())) {
            throw new IllegalArgumentException("herald.auth.issuer and herald.auth.audience must be set when keys are"
                    + " (herald.auth.public-keys, herald.auth.jwks-url): every token must name both");
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new KeySelector(allowed, keys, remote));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audience.orElse("-"), new JWTClaimsSet.Builder().issuer(issuer.orElse("-")).build(),
                Set.of("iss", "aud", "exp"));
        claims.setMaxClockSkew(clockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
        LOG.info(() -> "Herald verifies tokens with nimbus-jose-jwt "
                + Optional.ofNullable(DefaultJWTProcessor.class.getPackage().getImplementationVersion()).orElse("?")
                + " (" + keys.size() + " configured keys" + (remote != null ? " and a JWKS URL" : "") + "; algorithms "
                + allowed.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(",")) + ")");
    }

    private static Set<JWSAlgorithm> algorithms(String list) {
        Set<JWSAlgorithm> parsed = Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(JWSAlgorithm::parse)
                .collect(Collectors.toUnmodifiableSet());
        if (parsed.isEmpty() || !ACCEPTABLE.containsAll(parsed)) {
            throw new IllegalArgumentException("herald.auth.algorithms must list RS*, PS* or ES* algorithms only"
                    + " (HMAC and none are refused), was " + list);
        }
        return parsed;
    }

    private static java.net.URL url(String url) {
        try {
            return URI.create(url).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("herald.auth.jwks-url is not a URL: " + url);
        }
    }

    /** Who sent this token, or a refusal: {@code unauthorized}, {@code token-expired} (retryable). */
    public Caller verify(String token) {
        if (!hasKeys) {
            throw refused("no keys", ProblemType.UNAUTHORIZED, "This server is configured to accept no tokens.");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw refused("not a JWT", ProblemType.UNAUTHORIZED, "The token is not a JWT.");
        } catch (ExpiredJWTException e) {
            throw refused("expired", ProblemType.TOKEN_EXPIRED,
                    "The token has expired: get a fresh one and reconnect with your last event id.");
        } catch (BadJWTException e) {
            throw refused("claims", ProblemType.UNAUTHORIZED, "The token is not accepted: its issuer, audience"
                    + " or validity period (exp, nbf) does not match this server's.");
        } catch (BadJOSEException e) {
            throw refused("signature", ProblemType.UNAUTHORIZED, "The token is not accepted: its type, algorithm or"
                    + " signature does not match this server's keys.");
        } catch (JOSEException e) {
            LOG.log(Level.WARNING, "The keys to verify tokens with cannot be had: {0}", e.getClass().getName());
            throw new HeraldException(ProblemType.SERVICE_UNAVAILABLE,
                    "The keys to verify tokens with cannot be fetched now; try again shortly.");
        }
        Instant expires = claims.getExpirationTime().toInstant().plusSeconds(clockSkewSeconds);
        return new Caller(claims.getSubject(), Grants.fromClaim(claims.getClaim(claim)), expires);
    }

    private static HeraldException refused(String why, ProblemType type, String detail) {
        LOG.log(Level.FINE, "A token was refused: {0}", why);
        return new HeraldException(type, detail);
    }
}
