package dev.herald.publish;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * A publish refused before its body was read to the end (wrong type, too large, too slow, server busy, over its
 * client's rate). The rest of the body is still on the connection: the answer closes it, or those bytes would be
 * parsed as the next pipelined request. Draining them instead would hand a slow or endless body the very thread the
 * refusal saves.
 */
final class UnreadBodyException extends HeraldException {

    UnreadBodyException(ProblemType type, String detail) {
        super(type, detail);
    }

    /** {@code refusal}, raised before the body was read (a quota), answered the same way. */
    UnreadBodyException(HeraldException refusal) {
        super(refusal.type(), refusal.detail(), refusal.retryAfterMs());
    }

    @Override
    public boolean closesConnection() {
        return true;
    }
}
