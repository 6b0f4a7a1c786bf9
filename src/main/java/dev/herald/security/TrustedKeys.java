package dev.herald.security;

import java.security.PublicKey;
import java.util.List;

/**
 * More keys to verify tokens with, beside {@code herald.auth.public-keys} and {@code herald.auth.jwks-url}: a CDI
 * bean implementing this is asked once, when Herald starts (the dev profile's token endpoint trusts its own key
 * this way).
 */
public interface TrustedKeys {

    List<PublicKey> publicKeys();
}
