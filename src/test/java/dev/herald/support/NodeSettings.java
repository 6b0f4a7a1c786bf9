package dev.herald.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Herald's settings for a node a test starts as a process, given as an operator gives them: {@code herald.*} keys as
 * environment variables ({@code herald.redis.url} → {@code HERALD_REDIS_URL}), other keys (Fault Tolerance's, whose
 * names hold {@code /}) as system properties.
 */
public record NodeSettings(Map<String, String> environment, List<String> systemProperties) {

    /** The settings of a properties text, such as the suite's {@code cluster-config.properties}. */
    public static NodeSettings of(String properties) {
        Properties settings = new Properties();
        try {
            settings.load(new StringReader(properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NodeSettings result = new NodeSettings(new HashMap<>(), new ArrayList<>());
        for (String key : settings.stringPropertyNames()) {
            if (!key.equals("config_ordinal")) {
                result = result.with(key, settings.getProperty(key));
            }
        }
        return result;
    }

    /** These settings and one more (or one replaced). */
    public NodeSettings with(String key, String value) {
        Map<String, String> environment = new HashMap<>(this.environment);
        List<String> systemProperties = new ArrayList<>(this.systemProperties);
        if (key.startsWith("herald.")) {
            environment.put(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value);
        } else {
            systemProperties.removeIf(property -> property.startsWith("-D" + key + "="));
            systemProperties.add("-D" + key + "=" + value);
        }
        return new NodeSettings(Map.copyOf(environment), List.copyOf(systemProperties));
    }
}
