package dev.herald.config;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

/**
 * Reads {@link Setting}s through MicroProfile Config and checks them, failing with a message that names the key: an
 * area's settings class reads all its keys once, when the application starts, so a bad value stops the deployment
 * instead of misbehaving later. A plain class over {@link Config} rather than {@code @ConfigProperties}, whose
 * support differs between Payara Micro and Open Liberty; {@link Config} is injectable on both.
 */
public final class Settings {

    private final Config config;

    private Settings(Config config) {
        this.config = config;
    }

    public static Settings of(Config config) {
        return new Settings(config);
    }

    /** The value, or the default; fails when there is neither. */
    public String text(Setting setting) {
        return read(setting, String.class, Function.identity());
    }

    /** The value, when set (to something other than the empty string, which MicroProfile Config counts as unset). */
    public Optional<String> optional(Setting setting) {
        return config.getOptionalValue(setting.key(), String.class)
                .or(() -> Optional.ofNullable(setting.defaultValue()));
    }

    /** A comma-separated list, when set. */
    public Optional<List<String>> list(Setting setting) {
        try {
            return config.getOptionalValues(setting.key(), String.class);
        } catch (IllegalArgumentException e) {
            throw invalid(setting, "a list", e);
        }
    }

    public boolean flag(Setting setting) {
        return read(setting, Boolean.class, Boolean::valueOf);
    }

    public long number(Setting setting) {
        return read(setting, Long.class, Long::valueOf);
    }

    public int integer(Setting setting) {
        return read(setting, Integer.class, Integer::valueOf);
    }

    public double decimal(Setting setting) {
        return read(setting, Double.class, Double::valueOf);
    }

    public long positive(Setting setting) {
        return positive(setting.key(), number(setting));
    }

    public int positiveInteger(Setting setting) {
        return positive(setting.key(), integer(setting));
    }

    /** A number of at least {@code least}. */
    public long atLeast(Setting setting, long least) {
        long value = number(setting);
        if (value < least) {
            throw new IllegalArgumentException(setting.key() + " must be at least " + least + ", was " + value);
        }
        return value;
    }

    /** One of {@code allowed} (surrounding blanks ignored). */
    public String oneOf(Setting setting, String... allowed) {
        String value = text(setting).strip();
        if (!List.of(allowed).contains(value)) {
            throw new IllegalArgumentException(setting.key() + " must be one of " + String.join(", ", allowed)
                    + ", not '" + value + "'");
        }
        return value;
    }

    private <T> T read(Setting setting, Class<T> type, Function<String, T> parseDefault) {
        Optional<T> value;
        try {
            value = config.getOptionalValue(setting.key(), type);
        } catch (IllegalArgumentException | NoSuchElementException e) {
            throw invalid(setting, type == Boolean.class ? "true or false"
                    : type == Double.class ? "a number" : "a whole number", e);
        }
        if (value.isPresent()) {
            return value.get();
        }
        if (setting.defaultValue() == null) {
            throw new IllegalArgumentException(setting.key() + " must be set");
        }
        return parseDefault.apply(setting.defaultValue());
    }

    private IllegalArgumentException invalid(Setting setting, String what, RuntimeException cause) {
        String value = config.getConfigValue(setting.key()).getValue();
        return new IllegalArgumentException(setting.key() + " must be " + what + ", was '" + value + "'", cause);
    }

    private static long positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be a positive number, was " + value);
        }
        return value;
    }

    private static int positive(String key, int value) {
        return (int) positive(key, (long) value);
    }
}
