package dev.herald.upstream;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/**
 * When the guarded call fails (retries exhausted, timeout, open circuit, full bulkhead), keep serving the last
 * good snapshot, marked stale with the reason. Without one there is nothing to serve: the failure goes on,
 * classified, to whoever asked.
 */
@Dependent
public class UpstreamFallback implements FallbackHandler<Fetched> {

    private static final Logger LOG = Logger.getLogger(UpstreamFallback.class.getName());

    @Inject
    UpstreamStates states;

    @Inject
    UpstreamFetcher fetcher;

    @Override
    public Fetched handle(ExecutionContext context) {
        UpstreamSource source = (UpstreamSource) context.getParameters()[0];
        Degradation why = Degradation.of(context.getFailure(), source, fetcher.circuitDelayMs());
        LOG.log(Level.FINE, "Upstream " + source.name() + " call failed: " + why.type().slug(), context.getFailure());
        SourceState state = states.of(source);
        String lastGood = state.lastGoodJson();
        if (lastGood == null) {
            throw new UpstreamUnavailableException(why);
        }
        return Fetched.stale(lastGood, state.etag(), why);
    }
}
