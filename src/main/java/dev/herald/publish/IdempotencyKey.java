package dev.herald.publish;

import java.util.regex.Pattern;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * The {@code Idempotency-Key} request header of a publish (IETF httpapi draft "The Idempotency-Key HTTP Header
 * Field"): the publisher's name for one event, so that sending a publish again — because its answer never came, as
 * when a node dies under it — cannot store the event twice. The draft's form is a quoted string
 * ({@code Idempotency-Key: "8e03978e-40d5"}); a bare token is taken too.
 */
final class IdempotencyKey {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 128;

    private static final Pattern QUOTED = Pattern.compile("\"([\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]{1,"
            + MAX_LENGTH + "})\"");
    private static final Pattern BARE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1," + MAX_LENGTH + "}");

    private IdempotencyKey() {
    }

    /** The key, or null when the header is absent; a key that is not one is refused (400). */
    static String of(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        var quoted = QUOTED.matcher(value);
        if (quoted.matches()) {
            return quoted.group(1);
        }
        if (BARE.matcher(value).matches()) {
            return value;
        }
        throw new HeraldException(ProblemType.BAD_REQUEST, "An Idempotency-Key is a quoted string of 1 to "
                + MAX_LENGTH + " printable ASCII characters, e.g. Idempotency-Key: \"order-42-paid\".");
    }
}
