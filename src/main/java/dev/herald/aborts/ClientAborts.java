package dev.herald.aborts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Clients that went away before their answer was written: a counter (in the metrics as
 * {@code herald.clients.gone}) rather than a stack trace in the log. Jersey logs each one as a SEVERE record with
 * its full stack trace (about 10 KB; {@code ServerRuntime$Responder}, "Error while closing the output stream in
 * order to commit response"), so anyone could fill the server's disk by resetting requests; an {@link AbortFilter}
 * on the container loggers that do this keeps those records out and lets every other one through.
 * <p>
 * The loggers are held here: the JDK keeps loggers only weakly, and a logger collected and made again would come
 * back without the filter. At undeploy the filter is taken off again, so that nothing of this application (and of
 * its class loader) stays in the server's loggers.
 */
@ApplicationScoped
public class ClientAborts {

    /**
     * Container loggers that log a client's going away with a stack trace: Jersey's (SEVERE, "Error while closing
     * the output stream in order to commit response") and Payara's web container (WARNING, "Servlet.service() ...
     * threw exception" with the reset or EOF, when Jersey's write fails after the resource returned).
     */
    static final List<String> LOGGERS = List.of("org.glassfish.jersey.server.ServerRuntime$Responder",
            "jakarta.enterprise.web");

    private final LongAdder gone = new LongAdder();
    private final List<Logger> filtered = new ArrayList<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        synchronized (filtered) {
            for (String name : LOGGERS) {
                Logger logger = Logger.getLogger(name);
                logger.setFilter(new AbortFilter(logger.getFilter(), gone, System::currentTimeMillis));
                filtered.add(logger);
            }
        }
    }

    /** Counts a client that went away, found where the exception was caught rather than logged. */
    public void count() {
        gone.increment();
    }

    /** Whether an exception (with its causes) says that the client went away. */
    public static boolean isClientGone(Throwable thrown) {
        return AbortFilter.isClientGone(thrown);
    }

    /** Clients that went away before their answer was written, since the application started. */
    public long gone() {
        return gone.sum();
    }

    @PreDestroy
    void stop() {
        synchronized (filtered) {
            for (Logger logger : filtered) {
                if (logger.getFilter() instanceof AbortFilter ours && ours.isFrom(gone)) {
                    logger.setFilter(ours.previous());
                }
            }
            filtered.clear();
        }
    }
}
