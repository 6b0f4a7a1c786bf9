package dev.herald.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.herald.config.Setting;

/**
 * The origins ({@code scheme://host[:port]}) whose pages may read Herald's streams and publish, from
 * {@code herald.cors.allowed-origins}. An origin a browser sends matches only exactly: no wildcard, no {@code null},
 * no pattern (an allow-list that matched {@code *.example.com} or a suffix has let in attacker domains elsewhere).
 * Entries are checked at deployment: a mistyped one stops it rather than silently allowing nothing.
 */
public final class AllowedOrigins {

    static final Setting SETTING = Setting.of("herald.cors.allowed-origins");
    static final String KEY = SETTING.key();

    private final Set<String> origins;

    private AllowedOrigins(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    public static AllowedOrigins none() {
        return new AllowedOrigins(Set.of());
    }

    /** Each entry in the form a browser sends in {@code Origin}; fails with a message naming the setting. */
    public static AllowedOrigins of(List<String> entries) {
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                origins.add(normalize(trimmed));
            }
        }
        return new AllowedOrigins(origins);
    }

    public boolean allows(String origin) {
        return origin != null && origins.contains(origin);
    }

    public boolean isEmpty() {
        return origins.isEmpty();
    }

    /** Lower-case scheme and host, no default port: the serialization browsers send. */
    static String normalize(String entry) {
        URI uri;
        try {
            uri = new URI(entry);
        } catch (URISyntaxException e) {
            throw invalid(entry, "not a URI");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw invalid(entry, "an origin starts with http:// or https:// ('*' and 'null' are never allowed)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalid(entry, "an origin names a host, without user information");
        }
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(entry, "an origin has no path, not even '/', no query and no fragment");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException(KEY + " holds '" + entry + "', which is not an origin: " + why);
    }

    @Override
    public String toString() {
        return origins.toString();
    }
}
