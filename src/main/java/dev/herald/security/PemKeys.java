package dev.herald.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Public keys from PEM text ({@code -----BEGIN PUBLIC KEY-----}, as {@code openssl pkey -pubout} writes them), RSA
 * or EC, one or several one after the other. Whitespace and literal {@code \n} inside are ignored, so a key fits
 * one line of a properties file or an environment variable.
 */
public final class PemKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----(.*?)-----END PUBLIC KEY-----", Pattern.DOTALL);

    private PemKeys() {
    }

    /** Every key in {@code text}; fails (naming the setting) on text that holds no key or a broken one. */
    public static List<PublicKey> parse(String setting, String text) {
        List<PublicKey> keys = new ArrayList<>();
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            String base64 = matcher.group(1).replace("\\n", "").replaceAll("\\s", "");
            keys.add(decode(setting, keys.size() + 1, base64));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(setting + " holds no PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        return List.copyOf(keys);
    }

    private static PublicKey decode(String setting, int index, String base64) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": key " + index + " is not valid base64");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(setting + ": key " + index + " is neither an RSA nor an EC public key");
    }
}
