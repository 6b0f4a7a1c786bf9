package dev.herald.demo;

import jakarta.enterprise.context.ApplicationScoped;

/** The demo upstream's fault switch, shared by its polled document and its stream. */
@ApplicationScoped
public class DemoFaults {

    /** How the pretend upstream behaves. */
    enum Mode { OK, FAIL, HANG, GARBAGE, MISSING }

    private volatile Mode mode = Mode.OK;

    Mode mode() {
        return mode;
    }

    void set(Mode next) {
        mode = next;
    }
}
