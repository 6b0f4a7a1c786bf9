package dev.herald.security;

import java.time.Instant;

/**
 * Who made a request, as far as Herald cares: what it may do, and until when its credentials hold (an open
 * stream is ended then). The subject is kept for no log line and no answer: it is here for nothing but tests
 * and future limits per principal.
 */
public record Caller(String subject, Grants grants, Instant expiresAt) {

    /** No credentials: only what anyone may do. */
    public static Caller anonymous(Grants publicGrants) {
        return new Caller(null, publicGrants, null);
    }

    public boolean authenticated() {
        return subject != null || expiresAt != null;
    }

    public boolean may(Access access, String topic) {
        return access == Access.AUTHENTICATED ? authenticated() : grants.allows(access, topic);
    }

    @Override
    public String toString() {
        return authenticated() ? "Caller[authenticated]" : "Caller[anonymous]"; // never a claim value in a log
    }
}
