package dev.herald.topic;

import java.util.regex.Pattern;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * A validated topic name: 1 to 64 characters from {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit.
 * Safe in a URL path segment, a log line and a metric tag without escaping.
 */
public record TopicName(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    public TopicName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new HeraldException(ProblemType.INVALID_TOPIC, "A topic name has 1 to " + MAX_LENGTH
                    + " characters from A-Z, a-z, 0-9, '.', '_' and '-', and starts with a letter or digit.");
        }
    }

    public static TopicName of(String value) {
        return new TopicName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
