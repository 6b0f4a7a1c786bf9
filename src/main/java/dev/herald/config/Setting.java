package dev.herald.config;

/**
 * One of Herald's settings: its key and its default, spelled once, as a constant of the settings class of its area
 * (e.g. {@code problem.RetrySettings}). The default given here is the only one in the code; the properties file and
 * docs/configuration.md repeat it, and {@code SettingsDocumentedTest} fails when they differ.
 *
 * @param key          the MicroProfile Config key; a family of keys names its member {@code <name>}, e.g.
 *                     {@code herald.upstream.<name>.url}
 * @param defaultValue the value when nothing is configured, as written in the properties file; {@code null} when
 *                     there is none (optional, required, or worked out by the code)
 */
public record Setting(String key, String defaultValue) {

    /** The placeholder of a family of keys. */
    public static final String MEMBER = "<name>";

    public static Setting of(String key, String defaultValue) {
        return new Setting(key, defaultValue);
    }

    /** A setting without a default. */
    public static Setting of(String key) {
        return new Setting(key, null);
    }

    /** This family's key for one member, e.g. {@code herald.upstream.demo-prices.url}. */
    public Setting member(String name) {
        return new Setting(key.replace(MEMBER, name), defaultValue);
    }

    @Override
    public String toString() {
        return key;
    }
}
