package dev.herald.publish;

import java.util.List;
import java.util.Locale;

/**
 * Whether a publish declares its body as JSON. Checked by Herald itself rather than left to {@code @Consumes}:
 * JAX-RS lets a request without {@code Content-Type} through to an {@code application/json} method, and that is
 * exactly what a cross-origin page can send without a CORS preflight ({@code fetch} with {@code no-cors}, or a
 * form posting {@code text/plain}, {@code application/x-www-form-urlencoded} or {@code multipart/form-data}).
 */
final class JsonContentType {

    private JsonContentType() {
    }

    /** {@code headerValues}: every {@code Content-Type} header of the request (null or empty when none). */
    static boolean acceptable(List<String> headerValues) {
        if (headerValues == null || headerValues.size() != 1) {
            return false;
        }
        String[] parts = headerValues.get(0).split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=") && !utf8(parameter.substring("charset=".length()))) {
                return false; // the body is decoded as UTF-8, as RFC 8259 requires
            }
        }
        return true;
    }

    private static boolean utf8(String charset) {
        String bare = charset.length() > 1 && charset.startsWith("\"") && charset.endsWith("\"")
                ? charset.substring(1, charset.length() - 1) : charset;
        return bare.equals("utf-8") || bare.equals("utf8");
    }
}
