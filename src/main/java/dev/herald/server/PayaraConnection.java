package dev.herald.server;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;

import dev.herald.delivery.ClientConnection;

/**
 * A stream's connection on Payara: {@code isReady()} of its servlet stream answers Grizzly's {@code canWrite()}
 * (its async write queue below 4 × {@code socket-write-buffer-size}) even without a {@code WriteListener}, and the
 * socket can be closed at once through Grizzly's public {@code org.glassfish.grizzly.Connection} (at once: a graceful
 * close waits for the backlog). No servlet API lets an application drop a connection, and Payara keeps the socket of
 * a client that stopped reading open for as long as the client does (measured: 50 KB of heap each, for minutes, after
 * its stream was closed), so the Grizzly connection is looked up once, by reflection, while the request is served
 * (Payara Micro 6.2025.10: {@code ResponseFacade.response → getCoyoteResponse() → getRequest() → getConnection()}).
 * Where the lookup fails the stream is still probed; only the drop and the close listener are lost.
 * <p>
 * The same connection tells when its client closes it: Grizzly keeps reading a connection whose request is suspended,
 * so a client's FIN or reset closes it and runs its close listeners at once (measured: a stream closed by its client
 * is released within a second, where a heartbeat's write needs one to two intervals to fail).
 */
final class PayaraConnection implements ClientConnection {

    private static final Logger LOG = Logger.getLogger(PayaraConnection.class.getName());
    /** Payara's servlet stream, whose {@code isReady()} was checked. */
    static final String PAYARA_STREAM = "org.apache.catalina.connector.CoyoteOutputStream";

    private final ServletOutputStream out;
    /** Grizzly's connection, or null where it could not be found. */
    private final Object grizzlyConnection;

    private PayaraConnection(ServletOutputStream out, Object grizzlyConnection) {
        this.out = out;
        this.grizzlyConnection = grizzlyConnection;
    }

    /** On the request thread: the facade is recycled once the request is over. */
    static ClientConnection of(HttpServletResponse response, ServletOutputStream out) {
        return new PayaraConnection(out, grizzlyConnection(response));
    }

    @Override
    public boolean canTakeMore() {
        return out.isReady();
    }

    @Override
    public void drop() {
        if (grizzlyConnection == null) {
            return;
        }
        try {
            publicMethod(grizzlyConnection.getClass(), "org.glassfish.grizzly.Connection", "terminateSilently")
                    .invoke(grizzlyConnection);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "A stalled client's connection could not be closed", e);
        }
    }

    @Override
    public Runnable whenClosed(Runnable action) {
        if (grizzlyConnection == null) {
            return () -> { };
        }
        try {
            ClassLoader grizzly = grizzlyConnection.getClass().getClassLoader();
            Class<?> listenerType = Class.forName("org.glassfish.grizzly.CloseListener", false, grizzly);
            Class<?> connectionType = Class.forName("org.glassfish.grizzly.Connection", false, grizzly);
            AtomicBoolean ran = new AtomicBoolean();
            Runnable once = () -> {
                if (ran.compareAndSet(false, true)) {
                    action.run();
                }
            };
            Object listener = closeListener(listenerType, once);
            connectionType.getMethod("addCloseListener", listenerType).invoke(grizzlyConnection, listener);
            readAgain(grizzly, connectionType);
            if (!(Boolean) connectionType.getMethod("isOpen").invoke(grizzlyConnection)) {
                once.run(); // closed before the listener was there (a client that reset at once)
            }
            Method remove = connectionType.getMethod("removeCloseListener", listenerType);
            return () -> {
                try {
                    remove.invoke(grizzlyConnection, listener);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.log(Level.FINE, "A close listener could not be taken off its connection", e);
                }
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "Payara's connection cannot tell when its client closes it", e);
            return () -> { };
        }
    }

    /**
     * Lets Grizzly read the connection again: it stops reading a connection while its request is suspended, so
     * without this it sees the client's FIN or reset only when a write fails.
     */
    private void readAgain(ClassLoader grizzly, Class<?> connectionType) throws ReflectiveOperationException {
        Class<?> ioEvent = Class.forName("org.glassfish.grizzly.IOEvent", false, grizzly);
        Object read = ioEvent.getField("READ").get(null);
        connectionType.getMethod("enableIOEvent", ioEvent).invoke(grizzlyConnection, read);
    }

    /** A Grizzly {@code CloseListener} that runs {@code action}; equal only to itself. */
    private static Object closeListener(Class<?> listenerType, Runnable action) {
        return Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "onClosed" -> {
                        action.run();
                        yield null;
                    }
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "Herald's close listener";
                    default -> null;
                });
    }

    private static Object grizzlyConnection(HttpServletResponse response) {
        try {
            Field field = field(response.getClass(), "response");
            field.setAccessible(true);
            Object catalinaResponse = field.get(response);
            Object grizzlyResponse = catalinaResponse.getClass().getMethod("getCoyoteResponse")
                    .invoke(catalinaResponse);
            Object grizzlyRequest = grizzlyResponse.getClass().getMethod("getRequest").invoke(grizzlyResponse);
            return grizzlyRequest.getClass().getMethod("getConnection").invoke(grizzlyRequest);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Payara's connection of a stream is out of reach: a stalled one stays open", e);
            return null;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException next) {
                // up the hierarchy
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** The method as declared by the public interface, so that a non-public implementation can be called. */
    private static Method publicMethod(Class<?> type, String interfaceName, String name)
            throws ReflectiveOperationException {
        return Class.forName(interfaceName, false, type.getClassLoader()).getMethod(name);
    }
}
