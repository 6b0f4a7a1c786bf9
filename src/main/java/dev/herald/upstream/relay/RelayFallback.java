package dev.herald.upstream.relay;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

import dev.herald.upstream.Degradation;
import dev.herald.upstream.UpstreamSource;

/**
 * When the stream cannot be opened (retries exhausted, timeout, open circuit, full bulkhead): no stream for
 * now, and why. The relay's topic keeps its history, so subscribers keep what was relayed, told it is stale.
 */
@Dependent
public class RelayFallback implements FallbackHandler<RelayConnection> {

    private static final Logger LOG = Logger.getLogger(RelayFallback.class.getName());

    @Inject
    RelayConnector connector;

    @Override
    public RelayConnection handle(ExecutionContext context) {
        UpstreamSource source = (UpstreamSource) context.getParameters()[0];
        Degradation why = Degradation.of(context.getFailure(), source, connector.circuitDelayMs());
        LOG.log(Level.FINE, "Upstream " + source.name() + " stream could not be opened: " + why.type().slug(),
                context.getFailure());
        return new RelayConnection.Down(why);
    }
}
