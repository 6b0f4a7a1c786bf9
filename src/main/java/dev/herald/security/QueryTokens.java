package dev.herald.security;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds a JWT in a query string, where it must never be (it ends up in access logs, proxies and browser history;
 * RFC 9700): three or five base64url parts separated by dots, the first a JSON header ({@code eyJ}).
 */
final class QueryTokens {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*){2}((\\.[A-Za-z0-9_-]*){2})?");

    private QueryTokens() {
    }

    static boolean holdsJwt(Map<String, List<String>> query) {
        return query.keySet().stream().anyMatch(QueryTokens::isJwt)
                || query.values().stream().flatMap(List::stream).anyMatch(QueryTokens::isJwt);
    }

    static boolean isJwt(String value) {
        if (value == null) {
            return false;
        }
        String candidate = value.strip();
        if (candidate.regionMatches(true, 0, "Bearer ", 0, 7)) {
            candidate = candidate.substring(7).strip();
        }
        return JWT.matcher(candidate).matches();
    }
}
