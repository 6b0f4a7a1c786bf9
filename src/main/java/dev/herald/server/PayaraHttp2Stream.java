package dev.herald.server;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.http.HttpServletResponse;

import dev.herald.delivery.ClientConnection;

/**
 * A stream's HTTP/2 stream on Payara (Grizzly's {@code Http2Stream}), for what the servlet API cannot tell: that the
 * client reset it. Payara Micro 6.2025.10 (grizzly-http2 4.0.2.payara) marks a stream reset by {@code RST_STREAM}
 * closed (its close reason {@code REMOTELY}, both halves terminated) but notifies none of its close listeners
 * ({@code resetRemotely} sets the close reason without calling them), fails no write to it, and keeps the servlet
 * request open: the subscriber would stay until the whole connection ends. So
 * {@code dev.herald.stream.Http2Resets} asks {@link #reset()}. Grizzly itself does not bound resets per connection
 * (no counter in its RST_STREAM handling, no setting): {@link #goAway()} ends the connection with {@code GOAWAY ENHANCE_YOUR_CALM} when Herald's own count is
 * exceeded. Found by reflection on the request thread, as {@link PayaraConnection} finds Grizzly's connection:
 * {@code ResponseFacade.response → getCoyoteResponse() → getRequest() → getRequest()} (the request packet), then
 * {@code Http2Stream.getStreamFor(packet)}. Writes are never probed here (many streams share the connection).
 */
public final class PayaraHttp2Stream implements ClientConnection {

    private static final Logger LOG = Logger.getLogger(PayaraHttp2Stream.class.getName());
    /** Payara's servlet response facade. */
    static final String PAYARA_RESPONSE = "org.apache.catalina.connector.ResponseFacade";

    private final Object stream;
    private final Lookup lookup;
    /** Grizzly's {@code Http2Session}: the connection the resets are counted on. */
    private final Object session;

    private PayaraHttp2Stream(Object stream, Lookup lookup, Object session) {
        this.stream = stream;
        this.lookup = lookup;
        this.session = session;
    }

    /** On the request thread; {@link ClientConnection#UNPROBED} where the stream cannot be found. */
    public static ClientConnection of(HttpServletResponse response) {
        if (!PAYARA_RESPONSE.equals(response.getClass().getName())) {
            return ClientConnection.UNPROBED;
        }
        try {
            Lookup lookup = Lookup.of(response);
            Object grizzlyRequest = lookup.grizzlyRequest(response);
            Object stream = lookup.streamFor.invoke(null, lookup.packet.invoke(grizzlyRequest));
            if (stream == null) {
                return ClientConnection.UNPROBED;
            }
            Object session = lookup.sessionOf.invoke(null, lookup.connection.invoke(grizzlyRequest));
            return new PayaraHttp2Stream(stream, lookup, session);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "Payara's HTTP/2 stream is out of reach: a reset stream stays until its connection"
                    + " ends", e);
            return ClientConnection.UNPROBED;
        }
    }

    /** The reflective path, looked up once (it is asked at the end of every HTTP/2 request). */
    private record Lookup(Field facadeResponse, Method coyoteResponse, Method request, Method packet,
                          Method connection, Method streamFor, Field closeReason, Method closeType, Method sessionOf) {

        private static volatile Lookup found;

        static Lookup of(HttpServletResponse response) throws ReflectiveOperationException {
            Lookup lookup = found;
            if (lookup == null) {
                found = lookup = lookUp(response);
            }
            return lookup;
        }

        Object grizzlyRequest(HttpServletResponse response) throws ReflectiveOperationException {
            Object grizzlyResponse = coyoteResponse.invoke(facadeResponse.get(response));
            return request.invoke(grizzlyResponse);
        }

        private static Lookup lookUp(HttpServletResponse response) throws ReflectiveOperationException {
            Field field = response.getClass().getDeclaredField("response");
            field.setAccessible(true);
            Method coyoteResponse = field.getType().getMethod("getCoyoteResponse");
            Method request = coyoteResponse.getReturnType().getMethod("getRequest");
            Method packet = request.getReturnType().getMethod("getRequest");
            Method connection = request.getReturnType().getMethod("getConnection");
            ClassLoader grizzly = packet.getReturnType().getClassLoader();
            Class<?> streamType = Class.forName("org.glassfish.grizzly.http2.Http2Stream", false, grizzly);
            Class<?> headerType = Class.forName("org.glassfish.grizzly.http.HttpHeader", false, grizzly);
            Class<?> sessionType = Class.forName("org.glassfish.grizzly.http2.Http2Session", false, grizzly);
            Class<?> connectionType = Class.forName("org.glassfish.grizzly.Connection", false, grizzly);
            Field closeReason = streamType.getDeclaredField("closeReason");
            closeReason.setAccessible(true);
            return new Lookup(field, coyoteResponse, request, packet, connection,
                    streamType.getMethod("getStreamFor", headerType), closeReason,
                    closeReason.getType().getMethod("getType"), sessionType.getMethod("get", connectionType));
        }
    }

    /**
     * Whether the client reset the stream: its close reason is set, and {@code REMOTELY} (only Grizzly's
     * {@code resetRemotely} sets it so). Not {@code isOpen()}, which a response that merely completed turns false too.
     */
    public boolean reset() {
        try {
            Object reason = lookup.closeReason.get(stream);
            return reason != null && "REMOTELY".equals(String.valueOf(lookup.closeType.invoke(reason)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The connection (Grizzly's session), to count resets on; identity only. */
    public Object connection() {
        return session;
    }

    /** Ends the whole connection: {@code GOAWAY} with {@code ENHANCE_YOUR_CALM}, then close. */
    public void goAway() {
        if (session == null) {
            return;
        }
        try {
            ClassLoader grizzly = session.getClass().getClassLoader();
            Class<?> errorCode = Class.forName("org.glassfish.grizzly.http2.frames.ErrorCode", false, grizzly);
            Method terminate = Class.forName("org.glassfish.grizzly.http2.Http2Session", false, grizzly)
                    .getDeclaredMethod("terminate", errorCode, String.class);
            terminate.setAccessible(true);
            terminate.invoke(session, errorCode.getField("ENHANCE_YOUR_CALM").get(null), "too many streams reset");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "An HTTP/2 connection with too many resets could not be ended", e);
        }
    }

    @Override
    public boolean canTakeMore() {
        return true;
    }

    @Override
    public void drop() {
        // Other streams share the connection: it is never dropped for one of them.
    }
}
