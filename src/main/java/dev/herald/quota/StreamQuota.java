package dev.herald.quota;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.problem.RetrySettings;

/**
 * How many streams one client holds at once, across topics: a principal, or an anonymous remote address. The map
 * holds only clients with open streams, so it is bounded by the server's stream limit.
 */
@ApplicationScoped
public class StreamQuota {

    private final ClientCounts open = new ClientCounts();
    private int perPrincipal;
    private int perAddress;
    private long retryAfterMs;

    protected StreamQuota() {
        // for the CDI proxy
    }

    @Inject
    public StreamQuota(QuotaSettings settings, RetrySettings retry) {
        this(settings.streamsPerPrincipal(), settings.streamsPerAddress(), retry.baseMs());
    }

    StreamQuota(int perPrincipal, int perAddress, long retryAfterMs) {
        this.perPrincipal = perPrincipal;
        this.perAddress = perAddress;
        this.retryAfterMs = retryAfterMs;
    }

    /**
     * Counts one more stream for {@code client}, or refuses it with {@code too-many-streams}.
     *
     * @return what gives the stream back; it does so once, however often it is run
     */
    public Runnable acquire(ClientKey client) {
        int max = client.authenticated() ? perPrincipal : perAddress;
        if (!open.tryTake(client, max)) {
            throw new HeraldException(ProblemType.TOO_MANY_STREAMS, "This client already holds its maximum of " + max
                    + " open streams; close one, or try again once one has ended.", retryAfterMs);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.release(client);
            }
        };
    }

    /** Open streams of {@code client} (for tests and status). */
    public int open(ClientKey client) {
        return open.held(client);
    }
}
