package dev.herald.demo;

import java.security.PublicKey;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.herald.security.SecuritySettings;
import dev.herald.security.TrustedKeys;

/**
 * DEV-ONLY. With {@code herald.auth.dev-tokens.enabled=true} (set by the dev profile only), a key pair made in
 * memory when Herald starts, trusted for tokens and used by {@link DevTokenResource} to mint them, so that the
 * README's transcript can publish without an identity provider. The key dies with the process; nothing is
 * committed or written anywhere. A production server leaves the setting off and trusts no such key.
 */
@ApplicationScoped
public class DevTokens implements TrustedKeys {

    private static final Logger LOG = Logger.getLogger(DevTokens.class.getName());

    private RSAKey key;
    private String issuer;
    private String audience;
    private String claim;

    protected DevTokens() {
        // for the CDI proxy
    }

    @Inject
    public DevTokens(SecuritySettings settings) {
        if (!settings.devTokens()) {
            return;
        }
        this.issuer = settings.issuer().orElseThrow(); // both checked by SecuritySettings
        this.audience = settings.audience().orElseThrow();
        this.claim = settings.claim();
        try {
            this.key = new RSAKeyGenerator(2048).keyID("herald-dev-only").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make the dev token key", e);
        }
        LOG.warning("DEV-ONLY: herald.auth.dev-tokens.enabled is on: POST /api/dev/tokens mints tokens for anyone,"
                + " signed with a key made at startup. Never enable it on a server others can reach.");
    }

    boolean enabled() {
        return key != null;
    }

    @Override
    public List<PublicKey> publicKeys() {
        try {
            return key == null ? List.of() : List.of(key.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for {@code subject} granting those topic patterns, valid for {@code ttlSeconds}. */
    String mint(String subject, List<String> subscribe, List<String> publish, long ttlSeconds) {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + ttlSeconds * 1000))
                .claim(claim, Map.of("subscribe", subscribe, "publish", publish))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a dev token", e);
        }
        return jwt.serialize();
    }
}
