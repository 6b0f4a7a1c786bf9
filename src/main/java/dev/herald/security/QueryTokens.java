package dev.herald.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriInfo;

/**
 * Finds a JWS (a signed JWT) in a query or matrix parameter, where a token must never be (it ends up in access logs,
 * proxies and browser histories; RFC 9700): three base64url parts separated by dots, the first of which decodes to
 * a JSON object (the JOSE header). Wherever it sits: behind other characters ({@code x<jwt>}, {@code #<jwt>}),
 * before them ({@code <jwt>!}), as a key, and whatever its header's base64 starts with (not only {@code eyJ}).
 * A stream ticket (one base64url part), an event id or a topic name (no part decodes to {@code {}) is not one.
 */
final class QueryTokens {

    /**
     * A run of base64 characters (url-safe or not) followed by two more parts, possibly empty: the parts are looked
     * ahead at, not consumed, so that {@code a.<header>.<payload>.<signature>} is found from its second run.
     */
    private static final Pattern THREE_PARTS = Pattern.compile("([A-Za-z0-9_+/-]+)(?=\\.[A-Za-z0-9_+/-]*\\.)");
    /** Percent-decoding rounds tried on raw text: a token encoded twice is still a token in the log. */
    private static final int DECODINGS = 3;
    /** Characters of a header looked at for its opening brace: JSON whitespace is allowed before it. */
    private static final int HEADER_PREFIX_CHARS = 24;

    private QueryTokens() {
    }

    /**
     * Whether the request's URL holds a JWS in a query or matrix parameter: decoded as the runtime reads them, raw,
     * and the raw query and each path segment's matrix part decoded again (a token encoded twice is still logged).
     * Only the matrix part of a segment is looked at, so that a topic name is never taken for a token.
     */
    static boolean inUrl(UriInfo uri) {
        if (holdsJwt(uri.getQueryParameters(true)) || holdsJwt(uri.getQueryParameters(false))
                || holdsJwtRaw(uri.getRequestUri().getRawQuery())) {
            return true;
        }
        for (boolean decode : new boolean[] {true, false}) {
            for (PathSegment segment : uri.getPathSegments(decode)) {
                if (holdsJwt(segment.getMatrixParameters())) {
                    return true;
                }
            }
        }
        String rawPath = uri.getRequestUri().getRawPath();
        for (String segment : rawPath == null ? new String[0] : rawPath.split("/")) {
            int matrix = segment.indexOf(';');
            if (matrix >= 0 && holdsJwtRaw(segment.substring(matrix + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a key or a value of these parameters holds a JWS. */
    static boolean holdsJwt(Map<String, List<String>> parameters) {
        return parameters.keySet().stream().anyMatch(QueryTokens::isJwt)
                || parameters.values().stream().flatMap(List::stream).anyMatch(QueryTokens::isJwt);
    }

    /** Whether {@code raw} (a raw query string or path, still percent-encoded) holds a JWS, as is or decoded. */
    static boolean holdsJwtRaw(String raw) {
        String text = raw;
        for (int round = 0; text != null && round <= DECODINGS; round++) {
            if (isJwt(text)) {
                return true;
            }
            String decoded = percentDecoded(text);
            if (decoded.equals(text)) {
                return false;
            }
            text = decoded;
        }
        return false;
    }

    /** Whether {@code value} holds a JWS anywhere in it. */
    static boolean isJwt(String value) {
        if (value == null) {
            return false;
        }
        Matcher parts = THREE_PARTS.matcher(value);
        while (parts.find()) {
            if (endsWithJsonHeader(parts.group(1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether some suffix of {@code run} decodes (base64url or base64) to text opening a JSON object. */
    private static boolean endsWithJsonHeader(String run) {
        for (int start = 0; start < run.length(); start++) {
            String candidate = run.substring(start, Math.min(run.length(), start + HEADER_PREFIX_CHARS));
            if (opensObject(decodePrefix(candidate))) {
                return true;
            }
        }
        return false;
    }

    private static boolean opensObject(byte[] decoded) {
        for (byte b : decoded) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return false;
    }

    /** The bytes {@code text} decodes to (either base64 alphabet, no padding; a last odd character is dropped). */
    private static byte[] decodePrefix(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int bits = 0;
        int held = 0;
        for (int i = 0; i < text.length(); i++) {
            int sextet = sextet(text.charAt(i));
            if (sextet < 0) {
                break;
            }
            bits = (bits << 6 | sextet) & 0xFFFFFF;
            held += 6;
            if (held >= 8) {
                held -= 8;
                out.write(bits >> held & 0xFF);
            }
        }
        return out.toByteArray();
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return switch (c) {
            case '-', '+' -> 62;
            case '_', '/' -> 63;
            default -> -1;
        };
    }

    /** {@code %XX} decoded (as UTF-8), everything else, {@code +} included, left as it is. */
    private static String percentDecoded(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
