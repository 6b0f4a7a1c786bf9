package dev.herald.security;

import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The keys a token's signature may be checked against: none unless its {@code alg} is one of the configured
 * algorithms (so {@code none} and HMAC never get a key, whatever the token says), then the configured keys of that
 * algorithm's family (any {@code kid}: a configured key is trusted as such), then those of the JWKS URL (by
 * {@code kid}, as the library selects them).
 */
final class KeySelector implements JWSKeySelector<SecurityContext> {

    private final Set<JWSAlgorithm> algorithms;
    private final List<PublicKey> keys;
    private final JWSKeySelector<SecurityContext> remote;

    KeySelector(Set<JWSAlgorithm> algorithms, List<PublicKey> keys, JWSKeySelector<SecurityContext> remote) {
        this.algorithms = Set.copyOf(algorithms);
        this.keys = List.copyOf(keys);
        this.remote = remote;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!algorithms.contains(algorithm)) {
            return List.of();
        }
        List<Key> selected = new ArrayList<>();
        for (PublicKey key : keys) {
            if (fits(algorithm, key)) {
                selected.add(key);
            }
        }
        if (remote != null) {
            selected.addAll(remote.selectJWSKeys(header, context));
        }
        return selected;
    }

    private static boolean fits(JWSAlgorithm algorithm, PublicKey key) {
        if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
            return key instanceof RSAPublicKey;
        }
        return JWSAlgorithm.Family.EC.contains(algorithm) && key instanceof ECPublicKey;
    }
}
