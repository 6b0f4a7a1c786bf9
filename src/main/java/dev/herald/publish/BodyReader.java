package dev.herald.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import dev.herald.problem.ProblemType;
import dev.herald.quota.ClientCounts;
import dev.herald.quota.ClientKey;
import dev.herald.quota.QuotaSettings;

/**
 * Reads publish bodies so that hostile clients cannot hold the server's request threads: a blocking read holds
 * its thread for as long as the client takes to send. Checks run cheapest first, and all but the last refuse
 * without reading a byte: the declared type, the declared length, then a free read slot (a fixed number of
 * bodies that are still arriving are read at once, and one client, a principal or an anonymous address, may hold
 * only a few of them; beyond either the answer is an immediate {@code server-busy}, never a queue), and only then
 * the body itself, within {@code herald.publish.body-timeout-ms}.
 */
@ApplicationScoped
public class BodyReader {

    private long timeoutNanos;
    private Semaphore slots;
    private int slotsPerClient;
    private final ClientCounts reading = new ClientCounts();

    protected BodyReader() {
        // for the CDI proxy
    }

    @Inject
    public BodyReader(PublishSettings settings, QuotaSettings quotas) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.bodyTimeoutMs());
        this.slots = new Semaphore(settings.maxConcurrentReads());
        this.slotsPerClient = quotas.bodyReadsPerClient();
    }

    byte[] read(HttpHeaders headers, InputStream body, int maxBytes, ClientKey client) {
        if (!JsonContentType.acceptable(headers.getRequestHeader(HttpHeaders.CONTENT_TYPE))) {
            throw new UnreadBodyException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be sent as Content-Type: application/json (UTF-8).");
        }
        int length = headers.getLength();
        if (length > maxBytes) {
            throw new UnreadBodyException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body exceeds " + maxBytes + " bytes.");
        }
        if (length >= 0 && arrived(body) >= length) {
            // Already received whole (a small body comes with its head): reading it cannot block, so it needs no
            // slot, and well-behaved publishers go on while slow bodies hold every slot.
            return BoundedBody.read(body, maxBytes, timeoutNanos, System::nanoTime);
        }
        if (!reading.tryTake(client, slotsPerClient)) {
            throw new UnreadBodyException(ProblemType.SERVER_BUSY,
                    "This client is already sending " + slotsPerClient + " request bodies; try again shortly.");
        }
        try {
            if (!slots.tryAcquire()) {
                throw new UnreadBodyException(ProblemType.SERVER_BUSY,
                        "Too many requests are sending their bodies right now; try again shortly.");
            }
            try {
                return BoundedBody.read(body, maxBytes, timeoutNanos, System::nanoTime);
            } finally {
                slots.release();
            }
        } finally {
            reading.release(client);
        }
    }

    /** What the server has already received of the body; 0 where it does not say. */
    private static int arrived(InputStream body) {
        try {
            return body.available();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
