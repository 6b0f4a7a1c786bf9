package dev.herald.config;

/** Fails deployment with a clear message when a setting is out of range, instead of misbehaving later. */
public final class Settings {

    private Settings() {
    }

    public static long positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be a positive number, was " + value);
        }
        return value;
    }

    public static int positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be a positive number, was " + value);
        }
        return value;
    }
}
