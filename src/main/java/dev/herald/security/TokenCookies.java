package dev.herald.security;

import java.util.List;

/**
 * Counts the cookies of one name in a request's {@code Cookie} header(s) (RFC 6265: {@code a=1; b=2}, possibly in
 * several headers). JAX-RS' {@code getCookies()} is a map: of two cookies of one name it keeps one, and which one
 * differs by runtime, so two token cookies are found here and refused rather than guessed between.
 */
final class TokenCookies {

    private TokenCookies() {
    }

    static int count(List<String> cookieHeaders, String name) {
        if (cookieHeaders == null) {
            return 0;
        }
        int count = 0;
        for (String header : cookieHeaders) {
            for (String pair : header == null ? new String[0] : header.split("[;,]")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                    count++;
                }
            }
        }
        return count;
    }
}
