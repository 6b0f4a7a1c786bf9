package dev.herald.upstream;

/** The guarded call failed and there is no earlier snapshot to fall back to. */
public class UpstreamUnavailableException extends RuntimeException {

    private final transient Degradation degradation;

    public UpstreamUnavailableException(Degradation degradation) {
        super(degradation.detail());
        this.degradation = degradation;
    }

    public Degradation degradation() {
        return degradation;
    }
}
