package dev.herald.problem;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bug. The client learns that it happened and an incident id to quote; the stack trace goes to the log only.
 */
public final class Incidents {

    private static final Logger LOG = Logger.getLogger(Incidents.class.getName());

    private Incidents() {
    }

    /** Logs the failure under a fresh incident id and returns what the client may see of it. */
    public static HeraldException report(Throwable failure) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, failure);
        return new HeraldException(ProblemType.INTERNAL_ERROR,
                "The server failed to handle the request (incident " + incident + ").");
    }
}
