package dev.herald.support;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens for the tests, signed with key pairs made once per test run: their public keys go into every test
 * deployment's configuration ({@link #authConfig()}), so no key is ever committed. {@link #token()} starts from a
 * valid token (iss, aud, exp in five minutes, RS256) that a test then breaks one way at a time.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.herald.test";
    public static final String AUDIENCE = "herald-it";

    private static final RSAKey RSA = generateRsa();
    private static final ECKey EC = generateEc();
    /** Trusted by no deployment: a token it signs has a wrong signature. */
    private static final RSAKey STRANGER = generateRsa();

    private TestTokens() {
    }

    /** The settings that make a deployment trust these keys (one line each, as an operator would write them). */
    public static String authConfig() {
        return "herald.auth.issuer=" + ISSUER + "\nherald.auth.audience=" + AUDIENCE
                + "\nherald.auth.public-keys=" + pem(publicKey(RSA)) + pem(publicKey(EC)) + "\n";
    }

    /** The keys a deployment trusts. */
    public static List<PublicKey> publicKeys() {
        return List.of(publicKey(RSA), publicKey(EC));
    }

    public static Builder token() {
        return new Builder();
    }

    /** A token with {@code alg: none} and the claims of a valid one: no signature at all. */
    public static String unsigned(Builder claims) {
        return new PlainJWT(claims.claims()).serialize();
    }

    /** The classic confusion: HS256 keyed with the server's public RSA key (its PEM text) as the shared secret. */
    public static String hmacWithPublicKey(Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.claims());
            jwt.sign(new MACSigner(pem(publicKey(RSA)).getBytes(StandardCharsets.US_ASCII)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token, to build on. */
    public static final class Builder {
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant expires = Instant.now().plus(Duration.ofMinutes(5));
        private Instant notBefore;
        private List<String> subscribe = List.of();
        private List<String> publish = List.of();
        private boolean ec;
        private boolean stranger;
        /** Each token its own principal, so that per-principal quotas never join two tests' tokens. */
        private String subject = "it-" + java.util.UUID.randomUUID();

        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        public Builder subscribe(String... topics) {
            this.subscribe = List.of(topics);
            return this;
        }

        public Builder publish(String... topics) {
            this.publish = List.of(topics);
            return this;
        }

        public Builder expiresIn(Duration fromNow) {
            this.expires = Instant.now().plus(fromNow);
            return this;
        }

        public Builder notBefore(Instant instant) {
            this.notBefore = instant;
            return this;
        }

        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        public Builder audience(String value) {
            this.audience = value;
            return this;
        }

        /** Signed ES256 with the trusted EC key instead of RS256. */
        public Builder es256() {
            this.ec = true;
            return this;
        }

        /** Signed with a key no deployment trusts. */
        public Builder signedByStranger() {
            this.stranger = true;
            return this;
        }

        JWTClaimsSet claims() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .audience(audience)
                    .subject(subject)
                    .issueTime(new Date())
                    .expirationTime(Date.from(expires))
                    .claim("herald", Map.of("subscribe", subscribe, "publish", publish));
            if (notBefore != null) {
                claims.notBeforeTime(Date.from(notBefore));
            }
            return claims.build();
        }

        public String sign() {
            try {
                JWSAlgorithm algorithm = ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
                JWSSigner signer = ec ? new ECDSASigner(EC) : new RSASSASigner(stranger ? STRANGER : RSA);
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(),
                        claims());
                jwt.sign(signer);
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static PublicKey publicKey(RSAKey key) {
        try {
            return key.toPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey publicKey(ECKey key) {
        try {
            return key.toPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The suite's public keys as a JWKS document, as an identity provider publishes them. */
    public static String jwks() {
        return new com.nimbusds.jose.jwk.JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())).toString();
    }

    /** One line: what a properties file holds. */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----" + Base64.getEncoder().encodeToString(key.getEncoded())
                + "-----END PUBLIC KEY-----";
    }

    private static RSAKey generateRsa() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
