package dev.herald.topic;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.herald.problem.ErrorEvents;
import dev.herald.problem.RetryPolicy;

/**
 * Makes sure open streams hear about a stopping server, whichever way it stops.
 * <p>
 * An undeploy destroys the application scope and {@link TopicRegistry#shutdown()} runs as {@code @PreDestroy}.
 * But a server stopped by a signal (Payara Micro on SIGTERM, which is how containers and process managers stop
 * it) closes its connections without undeploying, so {@code @PreDestroy} never runs: a JVM shutdown hook is the
 * only notice the application gets. It is removed again on a normal undeploy so that nothing leaks.
 */
@ApplicationScoped
public class ShutdownNotice {

    private static final Logger LOG = Logger.getLogger(ShutdownNotice.class.getName());
    private static final long LINGER_MILLIS = 1000;

    private TopicRegistry topics;
    private RetryPolicy retryPolicy;
    private Thread hook;

    protected ShutdownNotice() {
        // for the CDI proxy
    }

    @Inject
    public ShutdownNotice(TopicRegistry topics, RetryPolicy retryPolicy) {
        this.topics = topics;
        this.retryPolicy = retryPolicy;
    }

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Load the classes of the shutdown path now, while the archive is there: an undeploy from Open Liberty's
        // dropins deletes the WAR before the application stops, and a class first needed then cannot be loaded.
        ErrorEvents.frame(retryPolicy.shutdown());
        ShutdownNotices.send(List.of(() -> { })); // a dry run: every class it needs, the JDK's too, is resolved
        Runnable stopTopics = topics.shutdownAction(); // not through the proxy: see TopicRegistry#shutdownAction
        hook = new Thread(() -> notifyAndLinger(stopTopics), "herald-shutdown-notice");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * The JVM halts as soon as every shutdown hook has returned, and the notices may still sit in the server's
     * non-blocking write queue then: linger briefly so that they reach the clients.
     */
    private static void notifyAndLinger(Runnable stopTopics) {
        stopTopics.run();
        try {
            Thread.sleep(LINGER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void unregister() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            LOG.log(Level.FINE, "The JVM is already shutting down; the hook runs on its own", shuttingDown);
        }
    }
}
