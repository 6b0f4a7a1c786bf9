package dev.herald.security;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being served, as {@link AccessFilter} found it; anonymous until then. */
@RequestScoped
public class CurrentCaller {

    private Caller caller = Caller.anonymous(Grants.NONE);

    public Caller get() {
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
